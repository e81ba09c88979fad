package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD matrix product with the Vector API. Loaded only when {@link VectorSupport#available()}.
 *
 * <p>Operands are first copied into contiguous row-major panels (A as {@code [m, k]}, B as
 * {@code [k, n]}), so one i-p-j loop serves all four transpose combinations; each C row is
 * updated a vector at a time with fused multiply-adds.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorGemm() {
    }

    static void multiply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                         float[] b, int bOffset, boolean transposeB, float[] c, int cOffset, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOffset, cOffset + m * n, 0f);
        }
        float[] aRows = transposeA ? transpose(a, aOffset, k, m) : a;
        int aBase = transposeA ? 0 : aOffset;
        float[] bRows = transposeB ? transpose(b, bOffset, n, k) : b;
        int bBase = transposeB ? 0 : bOffset;
        int upper = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            for (int p = 0; p < k; p++) {
                float aip = aRows[aBase + i * k + p];
                FloatVector scale = FloatVector.broadcast(SPECIES, aip);
                int bRow = bBase + p * n;
                int j = 0;
                for (; j < upper; j += SPECIES.length()) {
                    FloatVector cv = FloatVector.fromArray(SPECIES, c, cRow + j);
                    FloatVector bv = FloatVector.fromArray(SPECIES, bRows, bRow + j);
                    bv.fma(scale, cv).intoArray(c, cRow + j);
                }
                for (; j < n; j++) {
                    c[cRow + j] += aip * bRows[bRow + j];
                }
            }
        }
    }

    /** Copies the {@code rows x cols} row-major matrix at {@code offset} into its transpose. */
    private static float[] transpose(float[] x, int offset, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                out[col * rows + r] = x[offset + r * cols + col];
            }
        }
        return out;
    }
}
