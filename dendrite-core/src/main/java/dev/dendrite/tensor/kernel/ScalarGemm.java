package dev.dendrite.tensor.kernel;

/**
 * The plain-Java matrix product: the reference every faster kernel is tested against, and the
 * path used when the Vector API module is absent. Loop order i-p-j keeps the inner loop on
 * contiguous rows of B and C, which the JIT can auto-vectorise.
 */
public final class ScalarGemm {
    private ScalarGemm() {
    }

    /** See {@link Gemm#multiply}. */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                float[] b, int bOffset, boolean transposeB, float[] c, int cOffset, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOffset, cOffset + m * n, 0f);
        }
        float[] row = transposeB ? new float[n] : null;
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            for (int p = 0; p < k; p++) {
                float aip = transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                if (transposeB) {
                    for (int j = 0; j < n; j++) {
                        row[j] = b[bOffset + j * k + p];
                    }
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * row[j];
                    }
                } else {
                    int bRow = bOffset + p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }
}
