package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;

/**
 * Swaps two axes, copying into row-major order. Backward swaps the same axes of the gradient
 * (a transpose is its own inverse).
 */
public final class Transpose extends Op {
    private final int first;
    private final int second;

    /** Swaps axes {@code first} and {@code second} (already non-negative). */
    public Transpose(int first, int second) {
        this.first = first;
        this.second = second;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        return swap(inputs[0]);
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        return new Tensor[] {swap(gradOutput)};
    }

    private Tensor swap(Tensor x) {
        int[] dims = x.shape().dims();
        int[] strides = x.shape().strides();
        int rank = dims.length;
        int[] outDims = dims.clone();
        outDims[first] = dims[second];
        outDims[second] = dims[first];
        int[] readStrides = strides.clone();
        readStrides[first] = strides[second];
        readStrides[second] = strides[first];
        float[] in = x.data();
        float[] out = new float[in.length];
        int[] counter = new int[rank];
        int readOffset = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = in[readOffset];
            for (int axis = rank - 1; axis >= 0; axis--) {
                readOffset += readStrides[axis];
                if (++counter[axis] < outDims[axis]) {
                    break;
                }
                readOffset -= readStrides[axis] * outDims[axis];
                counter[axis] = 0;
            }
        }
        return Tensor.wrap(out, outDims);
    }

    @Override
    public String name() {
        return "transpose";
    }
}
