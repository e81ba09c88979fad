package dev.dendrite.tensor;

import java.util.Arrays;

/**
 * The dimensions of a row-major tensor, for example {@code [32, 784]}.
 *
 * <p>Immutable and thread-safe. A rank-0 shape {@code []} describes a scalar with one element.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long product = 1;
        for (int d : dims) {
            Validate.argument(d >= 0, "Shape", "non-negative dimensions", dims);
            product *= d;
            Validate.argument(product <= Integer.MAX_VALUE, "Shape", "at most 2^31-1 elements", dims);
        }
        this.dims = dims;
        this.size = (int) product;
    }

    /** A shape with the given dimensions. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /** The length of {@code axis}; negative axes count from the end, as in NumPy. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** Turns a possibly negative axis into an index in {@code [0, rank)}. */
    public int axis(int axis) {
        int resolved = axis < 0 ? axis + dims.length : axis;
        if (resolved < 0 || resolved >= dims.length) { // the message only on failure: dim() is on every hot path
            Validate.argument(false, "axis", "an axis in [" + -dims.length + ", " + dims.length + ") for shape " + this,
                    axis);
        }
        return resolved;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major strides in elements: the last axis has stride 1. */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /**
     * The shape both operands broadcast to under NumPy's rules: dimensions are matched from the
     * right, and each pair must be equal or contain a 1.
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes do not broadcast, got " + a + " and " + b
                        + " (" + da + " != " + db + " at axis " + i + " of the result)");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** The same shape with {@code axis} removed, or set to 1 when {@code keepDims}. */
    public Shape reduce(int axis, boolean keepDims) {
        int resolved = axis(axis);
        if (keepDims) {
            int[] out = dims.clone();
            out[resolved] = 1;
            return new Shape(out);
        }
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != resolved) {
                out[j++] = dims[i];
            }
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape && Arrays.equals(dims, ((Shape) other).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Written as in error messages, {@code [2, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
