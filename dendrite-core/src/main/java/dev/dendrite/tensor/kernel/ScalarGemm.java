package dev.dendrite.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java matrix product: the path used when the Vector API module is absent, and a
 * reference for the SIMD kernels that matches them bit for bit where the module is present.
 *
 * <p>Each element of C is built as the SIMD kernels build it: for each block of k that
 * {@link VectorGemm#kBlock} gives (all of k for small and thin products, equal blocks of at most
 * {@code KC} for packed ones), a sum that starts at zero and adds {@code a[i][p]·b[p][j]} over p
 * in order with one rounding each ({@link Math#fma}), then added to C (or stored, for the first
 * block when not accumulating). Without the module the blocks are equal blocks of at most 512.
 * Only the payload of a NaN may differ from the SIMD path's, where two NaNs meet in an addition.
 * Loop order i-p-j keeps the inner loop on a contiguous row of B and of the sums, which the JIT
 * vectorises; a B stored transposed is copied row-major first.
 */
public final class ScalarGemm {
    /** Most k steps per block when the Vector API is absent, as the packed kernel has with 512-bit vectors. */
    private static final int MAX_K_BLOCK = 512;

    private ScalarGemm() {
    }

    /** See {@link Gemm#multiply}. */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                float[] b, int bOffset, boolean transposeB, float[] c, int cOffset,
                                boolean accumulate) {
        int aColStride = transposeA ? m : 1;
        if (k == 0) {
            // The SIMD paths store zeros, and the thin one adds them: -0 + 0 is +0.
            boolean addsZero = VectorSupport.available() && VectorGemm.addsZeroForEmptyK(m, n, aColStride);
            for (int i = 0; i < m * n; i++) {
                c[cOffset + i] = accumulate ? (addsZero ? c[cOffset + i] + 0f : c[cOffset + i]) : 0f;
            }
            return;
        }
        int block = VectorSupport.available()
                ? VectorGemm.kBlock(m, n, k, aColStride, transposeB ? k : 1)
                : equalBlock(k, MAX_K_BLOCK);
        if (transposeB) {
            b = rowMajor(b, bOffset, k, n);
            bOffset = 0;
        }
        float[] sums = new float[n];
        for (int i = 0; i < m; i++) {
            for (int from = 0; from < k; from += block) {
                Arrays.fill(sums, 0f);
                int to = Math.min(k, from + block);
                for (int p = from; p < to; p++) {
                    float aip = transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                    int bRow = bOffset + p * n;
                    for (int j = 0; j < n; j++) {
                        sums[j] = Math.fma(aip, b[bRow + j], sums[j]);
                    }
                }
                int cRow = cOffset + i * n;
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

    /** The length of the fewest equal blocks of at most {@code most} that cover {@code k} (the last may be shorter). */
    static int equalBlock(int k, int most) {
        int blocks = (k + most - 1) / most;
        return (k + blocks - 1) / blocks;
    }

    /** B stored as {@code [n, k]} from {@code offset}, copied into a per-thread {@code [k, n]} array. */
    private static float[] rowMajor(float[] b, int offset, int k, int n) {
        float[] rows = Scratch.floats(Scratch.ROWS_OF_B, k * n);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                rows[p * n + j] = b[offset + j * k + p];
            }
        }
        return rows;
    }
}
