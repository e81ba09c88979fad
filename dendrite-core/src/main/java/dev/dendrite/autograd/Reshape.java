package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;

/** The same elements under a new shape; backward reshapes the gradient back. */
public final class Reshape extends Op {
    private final int[] dims;
    private Tensor input;

    /** A reshape to {@code dims}, already resolved (no -1) and of the same size as the input. */
    public Reshape(int... dims) {
        this.dims = dims.clone();
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        input = inputs[0];
        return Tensor.wrap(input.data(), dims);
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        return new Tensor[] {Tensor.wrap(gradOutput.data(), input.shape().dims())};
    }

    @Override
    public String name() {
        return "reshape";
    }
}
