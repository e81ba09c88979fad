package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;

/**
 * A function applied to every element independently, {@code y = f(x)}, whose backward is
 * {@code dx = dy * f'(x)}. Exp, log, the activations and friends are all this op with their own
 * {@link Formula}.
 */
public final class Elementwise extends Op {
    /** The scalar function and its derivative. */
    public interface Formula {
        /** f(x). */
        float value(float x);

        /** f'(x); {@code y} is f(x), passed because many derivatives are cheapest from it. */
        float derivative(float x, float y);

        /**
         * {@code y[i] = value(x[i])} for every element. Formulas on hot paths override it with a
         * loop of their own: this shared one calls {@link #value} through an interface the JIT
         * cannot inline once several formulas have run through it.
         */
        default void values(float[] x, float[] y) {
            for (int i = 0; i < x.length; i++) {
                y[i] = value(x[i]);
            }
        }

        /** {@code dx[i] = dy[i] * derivative(x[i], y[i])} for every element; see {@link #values}. */
        default void gradients(float[] x, float[] y, float[] dy, float[] dx) {
            for (int i = 0; i < x.length; i++) {
                dx[i] = dy[i] * derivative(x[i], y[i]);
            }
        }

        /**
         * Whether {@link #gradients} is right when {@code dx} is {@code dy} itself, as it is when
         * each {@code dx[i]} is written only after {@code dy[i]} is read (the default loop does so).
         * Default {@code false}, so a formula with its own {@link #gradients} must say so to let
         * backward reuse the incoming gradient's array.
         */
        default boolean gradientsInPlace() {
            return false;
        }
    }

    private final String name;
    private final Formula formula;
    private Tensor input;
    private Tensor output;

    /** An op named {@code name} (for messages) computing {@code formula}. */
    public Elementwise(String name, Formula formula) {
        this.name = name;
        this.formula = formula;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        input = inputs[0];
        float[] x = input.data();
        float[] y = new float[x.length];
        formula.values(x, y);
        output = Tensor.wrap(y, input.shape().dims());
        return output;
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        float[] x = input.data();
        float[] y = output.data();
        float[] dy = gradOutput.data();
        float[] dx = new float[x.length];
        formula.gradients(x, y, dy, dx);
        return new Tensor[] {Tensor.wrap(dx, input.shape().dims())};
    }

    /** When the formula allows it, {@code dx} is written over {@code dy}, which no one else holds. */
    @Override
    protected Tensor[] backwardOverwriting(Tensor gradOutput) {
        if (!formula.gradientsInPlace()) {
            return backward(gradOutput);
        }
        float[] dy = gradOutput.data();
        formula.gradients(input.data(), output.data(), dy, dy);
        return new Tensor[] {Tensor.wrap(dy, input.shape().dims())};
    }

    /** The input gradient is a new array, or the fresh incoming one that nothing else references. */
    @Override
    protected boolean returnsFreshGradients() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }
}
