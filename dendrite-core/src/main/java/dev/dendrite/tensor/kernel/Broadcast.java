package dev.dendrite.tensor.kernel;

/**
 * Element-wise binary kernels under NumPy broadcasting.
 *
 * <p>The output is walked one innermost row at a time. Each operand contributes a stride per
 * output axis, 0 where it is broadcast, so the inner loop reads each operand either contiguously
 * (stride 1) or as a repeated scalar (stride 0) — the two cases that make up nearly all real use,
 * such as adding a bias row to a batch.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * Strides of an operand of shape {@code dims} seen through the broadcast output shape
     * {@code outDims}: the operand's row-major strides, right-aligned, with 0 on broadcast axes.
     */
    public static int[] stridesFor(int[] dims, int[] outDims) {
        int[] strides = new int[outDims.length];
        int offset = outDims.length - dims.length;
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i + offset] = dims[i] == 1 ? 0 : stride;
            stride *= dims[i];
        }
        return strides;
    }

    /** {@code out = a op b} with broadcasting; {@code out} has {@code outDims}. */
    public static void binary(BinaryOp op, float[] a, int[] aDims, float[] b, int[] bDims, float[] out, int[] outDims) {
        if (out.length == 0) {
            return;
        }
        int rank = outDims.length;
        if (rank == 0) {
            out[0] = op.apply(a[0], b[0]);
            return;
        }
        int[] aStrides = stridesFor(aDims, outDims);
        int[] bStrides = stridesFor(bDims, outDims);
        int inner = outDims[rank - 1];
        int as = aStrides[rank - 1];
        int bs = bStrides[rank - 1];
        int[] counter = new int[rank - 1];
        int aOffset = 0;
        int bOffset = 0;
        for (int outOffset = 0; outOffset < out.length; outOffset += inner) {
            row(op, a, aOffset, as, b, bOffset, bs, out, outOffset, inner);
            for (int axis = rank - 2; axis >= 0; axis--) {
                aOffset += aStrides[axis];
                bOffset += bStrides[axis];
                if (++counter[axis] < outDims[axis]) {
                    break;
                }
                aOffset -= aStrides[axis] * outDims[axis];
                bOffset -= bStrides[axis] * outDims[axis];
                counter[axis] = 0;
            }
        }
    }

    private static void row(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i * as] + b[bo + i * bs];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i * as] - b[bo + i * bs];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i * as] * b[bo + i * bs];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i * as] / b[bo + i * bs];
                }
        }
    }

    /**
     * Sums {@code grad} (shape {@code outDims}) down to {@code dims}, undoing a broadcast: every
     * output element adds into the operand element it was read from.
     */
    public static float[] sumTo(float[] grad, int[] outDims, int[] dims, int size) {
        float[] result = new float[size];
        if (grad.length == 0) {
            return result;
        }
        int rank = outDims.length;
        if (rank == 0) {
            result[0] = grad[0];
            return result;
        }
        int[] strides = stridesFor(dims, outDims);
        int rows = broadcastRows(strides, outDims, size);
        if (rows > 0) {
            // A bias-like operand (the output's trailing axes, repeated along its leading ones):
            // column sums, which Reduce runs a vector at a time, adding the rows in the same order.
            Reduce.sum(grad, 1, rows, size, result);
            return result;
        }
        int inner = outDims[rank - 1];
        int s = strides[rank - 1];
        int[] counter = new int[rank - 1];
        int offset = 0;
        for (int gradOffset = 0; gradOffset < grad.length; gradOffset += inner) {
            for (int i = 0; i < inner; i++) {
                result[offset + i * s] += grad[gradOffset + i];
            }
            for (int axis = rank - 2; axis >= 0; axis--) {
                offset += strides[axis];
                if (++counter[axis] < outDims[axis]) {
                    break;
                }
                offset -= strides[axis] * outDims[axis];
                counter[axis] = 0;
            }
        }
        return result;
    }

    /**
     * How many times the operand repeats when it is exactly the output's trailing axes (strides 0
     * on the leading axes, its own row-major strides on the rest), or 0 when it is broadcast
     * otherwise.
     */
    private static int broadcastRows(int[] strides, int[] outDims, int size) {
        int rows = 1;
        int axis = 0;
        for (; axis < outDims.length && strides[axis] == 0; axis++) {
            rows *= outDims[axis];
        }
        int stride = 1;
        for (int a = outDims.length - 1; a >= axis; a--) {
            if (strides[a] != stride) {
                return 0;
            }
            stride *= outDims[a];
        }
        return stride == size ? rows : 0;
    }
}
