package dev.dendrite.tensor.kernel;

/**
 * Reductions along one axis. The tensor is viewed as {@code [outer, length, inner]} where
 * {@code length} is the reduced axis, so the inner loop always runs over contiguous memory.
 */
public final class Reduce {
    private Reduce() {
    }

    /** Sums along the middle axis of {@code [outer, length, inner]} into {@code [outer, inner]}. */
    public static float[] sum(float[] x, int outer, int length, int inner) {
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int outBase = o * inner;
            for (int l = 0; l < length; l++) {
                int row = base + l * inner;
                for (int i = 0; i < inner; i++) {
                    out[outBase + i] += x[row + i];
                }
            }
        }
        return out;
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
     * The sum of squares, for gradient norms: eight independent partial sums so the loop is not
     * one long dependency chain (it runs once per parameter per training step), combined in double.
     */
    public static double sumOfSquares(float[] x) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= x.length; i += 8) {
            s0 += x[i] * x[i];
            s1 += x[i + 1] * x[i + 1];
            s2 += x[i + 2] * x[i + 2];
            s3 += x[i + 3] * x[i + 3];
            s4 += x[i + 4] * x[i + 4];
            s5 += x[i + 5] * x[i + 5];
            s6 += x[i + 6] * x[i + 6];
            s7 += x[i + 7] * x[i + 7];
        }
        double sum = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; i < x.length; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum;
    }
}
