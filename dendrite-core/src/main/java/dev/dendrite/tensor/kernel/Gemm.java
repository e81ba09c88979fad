package dev.dendrite.tensor.kernel;

import dev.dendrite.tensor.Validate;

/**
 * Single-precision matrix product {@code C (+)= op(A) · op(B)} on row-major arrays, where
 * {@code op(X)} is X or its transpose. The transposed forms are what backpropagation needs
 * ({@code dW = xᵀ·dY}, {@code dX = dY·Wᵀ}) without materialising a transpose.
 *
 * <p>Dispatches to the packed, cache-blocked SIMD kernel ({@code VectorGemm}) when the Vector API
 * is present, else to {@link ScalarGemm}. Products large enough to repay the hand-off are split
 * over up to {@link #threads()} threads; small ones always run on the calling thread. Each element
 * of C is computed by one thread in a fixed order of k, so results do not depend on the thread
 * count. Thread-safe: concurrent calls on distinct outputs do not interfere.
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * Computes {@code C = op(A)·op(B)}, or adds it into C when {@code accumulate}.
     *
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param a A stored row-major as {@code [m, k]}, or as {@code [k, m]} when {@code transposeA}
     * @param b B stored row-major as {@code [k, n]}, or as {@code [n, k]} when {@code transposeB}
     * @param c C stored row-major as {@code [m, n]}
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                float[] b, int bOffset, boolean transposeB, float[] c, int cOffset, boolean accumulate) {
        multiply(KernelThreads.threads(), m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, c, cOffset,
                accumulate);
    }

    /**
     * As {@link #multiply}, on the calling thread only: for kernels that already split their work
     * over the kernel threads and run one product per task.
     */
    static void multiplyOnThisThread(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                     float[] b, int bOffset, boolean transposeB, float[] c, int cOffset,
                                     boolean accumulate) {
        multiply(1, m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, c, cOffset, accumulate);
    }

    private static void multiply(int threads, int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                                 float[] b, int bOffset, boolean transposeB, float[] c, int cOffset,
                                 boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (VectorSupport.available()) {
            VectorGemm.multiply(threads, m, n, k,
                    a, aOffset, transposeA ? 1 : k, transposeA ? m : 1,
                    b, bOffset, transposeB ? 1 : n, transposeB ? k : 1,
                    c, cOffset, n, accumulate);
        } else {
            ScalarGemm.multiply(m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, c, cOffset, accumulate);
        }
    }

    /**
     * Sets how many threads large products may use (the default is the system property
     * {@code dendrite.threads}, else the number of available processors). Applies to later calls
     * from every thread.
     *
     * @param threads at least 1
     */
    public static void setThreads(int threads) {
        Validate.argument(threads >= 1, "Gemm.setThreads", "threads >= 1", "threads = " + threads);
        KernelThreads.setThreads(threads);
    }

    /** The most threads one product may use. */
    public static int threads() {
        return KernelThreads.threads();
    }
}
