package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;

/**
 * Rows {@code [from, to)} along axis 0, copied. Backward writes the gradient into those rows of a
 * zero tensor of the input's shape.
 */
public final class SliceRows extends Op {
    private final int from;
    private final int to;
    private Tensor input;

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), already validated. */
    public SliceRows(int from, int to) {
        this.from = from;
        this.to = to;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        input = inputs[0];
        int[] dims = input.shape().dims();
        int rowSize = input.size() / Math.max(1, dims[0]);
        dims[0] = to - from;
        float[] out = new float[dims[0] * rowSize];
        System.arraycopy(input.data(), from * rowSize, out, 0, out.length);
        return Tensor.wrap(out, dims);
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        float[] dx = new float[input.size()];
        int rowSize = input.size() / Math.max(1, input.shape().dim(0));
        System.arraycopy(gradOutput.data(), 0, dx, from * rowSize, gradOutput.size());
        return new Tensor[] {Tensor.wrap(dx, input.shape().dims())};
    }

    @Override
    public String name() {
        return "sliceRows";
    }
}
