package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/** Copies chosen rows (slices along axis 0) of a tensor into a new one. Stateless. */
final class Rows {
    private Rows() {
    }

    /**
     * A new tensor {@code [to - from, ...]} holding rows {@code indices[from..to)} of {@code source},
     * in that order. Rows are contiguous in row-major order, so each is one {@code arraycopy}.
     */
    static Tensor gather(Tensor source, int[] indices, int from, int to) {
        return gather(source, indices, from, to, null);
    }

    /** As {@link #gather(Tensor, int[], int, int)}, written into {@code into} when it has the right length. */
    static Tensor gather(Tensor source, int[] indices, int from, int to, float[] into) {
        int[] dims = source.shape().dims();
        int rowLength = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            rowLength *= dims[axis];
        }
        float[] in = source.data();
        int length = (to - from) * rowLength;
        float[] out = into != null && into.length == length ? into : new float[length];
        copy(in, rowLength, indices, from, from, to, out);
        dims[0] = to - from;
        return Tensor.wrap(out, dims);
    }

    /**
     * Copies rows {@code indices[first..end)} of {@code in} (rows of {@code rowLength}) into
     * {@code out}, where row {@code indices[i]} goes to row {@code i - from}: a part of a gather.
     */
    static void copy(float[] in, int rowLength, int[] indices, int from, int first, int end, float[] out) {
        for (int i = first; i < end; i++) {
            System.arraycopy(in, indices[i] * rowLength, out, (i - from) * rowLength, rowLength);
        }
    }
}
