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

    @Override
    public String name() {
        return name;
    }
}
