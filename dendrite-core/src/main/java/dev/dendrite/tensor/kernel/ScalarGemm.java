package dev.dendrite.tensor.kernel;

/**
 * The plain-Java matrix product: the path used when the Vector API module is absent, and a
 * reference for the SIMD kernels that must match them bit for bit where the module is present.
 *
 * <p>Each element of C is built as the SIMD kernels build it: for each block of k that
 * {@link VectorGemm#kBlock} gives (all of k for small and thin products, blocks of about
 * {@code KC} for packed ones; blocks of 512 without the module), a sum that starts at zero and adds {@code a[i][p]·b[p][j]} over p
 * in order with one rounding each ({@link Math#fma}), then added to C (or stored, for the first
 * block when not accumulating). Loop order i-p-j keeps the inner loop on a contiguous row of B
 * and of the sums, which the JIT vectorises; a B stored transposed is copied row-major first.
 */
public final class ScalarGemm {
    /** k steps per block when the Vector API is absent: the packed kernel's with 512-bit vectors. */
    private static final int DEFAULT_K_BLOCK = 512;

    private ScalarGemm() {
    }

    /** See {@link Gemm#multiply}. */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                float[] b, int bOffset, boolean transposeB, float[] c, int cOffset, boolean accumulate) {
        int aColStride = transposeA ? m : 1;
        int bColStride = transposeB ? k : 1;
        if (k == 0) {
            // The SIMD paths store zeros, and the thin one adds them: -0 + 0 is +0.
            boolean addsZero = VectorSupport.available() && VectorGemm.addsZeroForEmptyK(m, n, aColStride);
            for (int i = 0; i < m * n; i++) {
                c[cOffset + i] = accumulate ? (addsZero ? c[cOffset + i] + 0f : c[cOffset + i]) : 0f;
            }
            return;
        }
        int block = VectorSupport.available() ? VectorGemm.kBlock(m, n, k, aColStride, bColStride)
                : Math.min(k, DEFAULT_K_BLOCK);
        int ldb = n;
        if (transposeB) {
            float[] rows = Scratch.floats(Scratch.ROWS_OF_B, k * n);
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    rows[p * n + j] = b[bOffset + j * k + p];
                }
            }
            b = rows;
            bOffset = 0;
        }
        float[] sums = new float[n];
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            for (int from = 0; from < k; from += block) {
                int to = Math.min(k, from + block);
                java.util.Arrays.fill(sums, 0f);
                for (int p = from; p < to; p++) {
                    float aip = transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                    int bRow = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        sums[j] = Math.fma(aip, b[bRow + j], sums[j]);
                    }
                }
                if (accumulate || from > 0) {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += sums[j];
                    }
                } else {
                    System.arraycopy(sums, 0, c, cRow, n);
                }
            }
        }
    }
}
