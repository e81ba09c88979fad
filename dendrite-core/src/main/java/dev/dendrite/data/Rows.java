package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/** Copies chosen rows (slices along axis 0) of a tensor into a new one. Stateless. */
final class Rows {
    /** Rows up to this many elements are copied element by element rather than by {@code arraycopy}. */
    static final int SHORT_ROW = 8;

    private Rows() {
    }

    /**
     * A new tensor {@code [to - from, ...]} holding rows {@code indices[from..to)} of {@code source},
     * in that order. Rows are contiguous in row-major order, so each is one {@code arraycopy}, or a
     * plain loop for rows of up to {@link #SHORT_ROW} floats.
     */
    static Tensor gather(Tensor source, int[] indices, int from, int to) {
        return gather(source, indices, from, to, null);
    }

    /** As {@link #gather(Tensor, int[], int, int)}, written into {@code into} when it has the right length. */
    static Tensor gather(Tensor source, int[] indices, int from, int to, float[] into) {
        int rowLength = rowLength(source);
        int length = (to - from) * rowLength;
        float[] out = into != null && into.length == length ? into : new float[length];
        copy(source.data(), rowLength, indices, from, 0, length, out);
        return wrap(source, to - from, out);
    }

    /** The elements in one row (slice along axis 0) of {@code source}. */
    static int rowLength(Tensor source) {
        int[] dims = source.shape().dims();
        int rowLength = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            rowLength *= dims[axis];
        }
        return rowLength;
    }

    /** {@code rows} rows shaped as {@code source}'s, held in {@code data}. */
    static Tensor wrap(Tensor source, int rows, float[] data) {
        int[] dims = source.shape().dims();
        dims[0] = rows;
        return Tensor.wrap(data, dims);
    }

    /**
     * Elements {@code [first, end)} of a gather into {@code out}: row {@code indices[batchStart + r]}
     * of {@code in} (rows of {@code rowLength}) goes to row r of {@code out}. A range may start
     * and end inside a row, so a gather can be done in parts of any size.
     */
    static void copy(float[] in, int rowLength, int[] indices, int batchStart, int first, int end, float[] out) {
        if (first >= end) {
            return;
        }
        int row = first / rowLength;
        int column = first - row * rowLength;
        for (int at = first; at < end; row++, column = 0) {
            int count = Math.min(rowLength - column, end - at);
            int source = indices[batchStart + row] * rowLength + column;
            if (count <= SHORT_ROW) {
                // A call per row cost more than copying it: the series' small network has rows of one.
                for (int i = 0; i < count; i++) {
                    out[at + i] = in[source + i];
                }
            } else {
                System.arraycopy(in, source, out, at, count);
            }
            at += count;
        }
    }
}
