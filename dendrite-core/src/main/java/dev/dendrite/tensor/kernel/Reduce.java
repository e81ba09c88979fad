package dev.dendrite.tensor.kernel;

import java.util.Arrays;

/**
 * Reductions along one axis. The tensor is viewed as {@code [outer, length, inner]} where
 * {@code length} is the reduced axis, so the inner loop always runs over contiguous memory.
 */
public final class Reduce {
    /** Independent partial sums in {@link #sumOfSquares}: enough to keep the FMA units busy. */
    static final int PARTIAL_SUMS = 64;

    private Reduce() {
    }

    /** Sums along the middle axis of {@code [outer, length, inner]} into {@code [outer, inner]}. */
    public static float[] sum(float[] x, int outer, int length, int inner) {
        float[] out = new float[outer * inner];
        sum(x, outer, length, inner, out);
        return out;
    }

    /**
     * As {@link #sum(float[], int, int, int)}, written over the first {@code outer * inner}
     * elements of {@code out}. Each sum starts at zero and adds along the axis in order, a vector
     * of sums at a time on the SIMD path, so both paths give the same bits.
     */
    public static void sum(float[] x, int outer, int length, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int outBase = o * inner;
            // The scalar loop below re-reads each sum from memory for every row: a layer's bias
            // gradient (50 rows of 32) took a tenth of the series' small network's step so.
            int summed = VectorSupport.available()
                    ? VectorReduce.sumAlongAxis(x, base, length, inner, out, outBase) : 0;
            Arrays.fill(out, outBase + summed, outBase + inner, 0f);
            for (int l = 0; l < length; l++) {
                int row = base + l * inner;
                for (int j = summed; j < inner; j++) {
                    out[outBase + j] += x[row + j];
                }
            }
        }
    }

    /**
     * The maximum ({@code sign} = 1) or minimum ({@code sign} = -1) along the middle axis; the
     * index of the first extreme element goes into {@code indices}. NaN wins over any number, as in
     * NumPy, so a NaN is never hidden by a reduction.
     */
    public static float[] extreme(float[] x, int outer, int length, int inner, int sign, int[] indices) {
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * length * inner + i;
                float best = x[base];
                int bestIndex = 0;
                for (int l = 1; l < length && !Float.isNaN(best); l++) {
                    float value = x[base + l * inner];
                    if (Float.isNaN(value) || (sign > 0 ? value > best : value < best)) {
                        best = value;
                        bestIndex = l;
                    }
                }
                out[o * inner + i] = best;
                indices[o * inner + i] = bestIndex;
            }
        }
        return out;
    }

    /** Sum of all elements, accumulated in double so long sums keep their precision. */
    public static double sumAll(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum;
    }

    /**
     * The sum of squares, for gradient norms (once per parameter per training step). Element i is
     * added into partial sum {@code i mod 64} with a fused multiply-add, and the 64 partial sums
     * are then added in order in double: the SIMD path ({@code VectorReduce}) and this loop give
     * the same bits, on any vector width.
     */
    public static double sumOfSquares(float[] x) {
        float[] partial = new float[PARTIAL_SUMS];
        int body = x.length / PARTIAL_SUMS * PARTIAL_SUMS;
        if (VectorSupport.available() && VectorReduce.supported()) {
            VectorReduce.sumsOfSquares(x, body, partial);
        } else {
            for (int i = 0; i < body; i += PARTIAL_SUMS) {
                for (int j = 0; j < PARTIAL_SUMS; j++) {
                    partial[j] = Math.fma(x[i + j], x[i + j], partial[j]);
                }
            }
        }
        for (int i = body; i < x.length; i++) {
            partial[i - body] = Math.fma(x[i], x[i], partial[i - body]);
        }
        double sum = 0;
        for (float value : partial) {
            sum += value;
        }
        return sum;
    }
}
