package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;

/**
 * One differentiable operation: an explicit {@link #forward} and the matching {@link #backward}.
 *
 * <p>Each call of an op creates a new instance, so an op may keep in fields whatever its backward
 * needs (its inputs, its output, a mask). {@link #apply} records the instance as the output's
 * creator when gradients are being recorded; {@link Backward} later walks those records in reverse.
 *
 * <p>Not thread-safe; an instance belongs to one call.
 */
public abstract class Op {
    private Tensor[] inputs = new Tensor[0];

    /** Computes the output from the inputs. Called once, with gradient recording off. */
    protected abstract Tensor forward(Tensor... inputs);

    /**
     * Given dLoss/dOutput, returns dLoss/dInput for each input, in input order, each with its
     * input's shape; an entry may be {@code null} when {@link #needsGradient(int)} is false.
     */
    protected abstract Tensor[] backward(Tensor gradOutput);

    /** Runs the op and, if any input requires a gradient and recording is on, records it. */
    public final Tensor apply(Tensor... inputs) {
        boolean record = false;
        if (GradMode.isEnabled()) {
            for (Tensor input : inputs) {
                record |= input.requiresGrad();
            }
        }
        Tensor output;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            output = forward(inputs);
        }
        if (record) {
            this.inputs = inputs.clone();
            output.attachCreator(this);
        }
        return output;
    }

    /** The inputs this op was applied to (empty until it is recorded). */
    public final Tensor[] inputs() {
        return inputs.clone();
    }

    final Tensor input(int index) {
        return inputs[index];
    }

    final int inputCount() {
        return inputs.length;
    }

    /** Whether input {@code index} needs a gradient, so backward may skip work for it. */
    protected final boolean needsGradient(int index) {
        return inputs[index].requiresGrad();
    }

    /**
     * {@link #backward}, for a {@code gradOutput} whose array nothing else references (the fresh
     * result of a later op's backward, see {@link #returnsFreshGradients}), so this op may write its
     * input gradient over it. The default ignores that licence; element-wise ops take it, and save
     * an array as large as their output per layer and step.
     */
    protected Tensor[] backwardOverwriting(Tensor gradOutput) {
        return backward(gradOutput);
    }

    /**
     * An array for input {@code index}'s gradient of {@code length} elements, for an op that
     * {@link #returnsFreshGradients}: the array of that input's gradient forgotten by the last
     * {@code zeroGrad} when there is one of that length (its contents are stale: the op must
     * overwrite every element), else a new one. A weight's gradient then reuses one array for the
     * whole of training instead of allocating and clearing it every step.
     */
    protected final float[] gradientArray(int index, int length) {
        float[] spare = inputs[index].takeGradArray();
        return spare != null && spare.length == length ? spare : new float[length];
    }

    /**
     * Whether every tensor {@link #backward} returns is newly allocated and referenced by nothing
     * else, as the results of the library's matrix products are. {@link Backward} then hands such
     * a gradient to a leaf that holds none yet as its {@code grad}, without copying it. Default
     * {@code false}: an op that passes its incoming gradient through, returns one tensor for two
     * inputs, or returns a tensor it keeps, must not say {@code true}.
     */
    protected boolean returnsFreshGradients() {
        return false;
    }

    /** The op's name as written in error messages and graph dumps. */
    public String name() {
        return getClass().getSimpleName();
    }
}
