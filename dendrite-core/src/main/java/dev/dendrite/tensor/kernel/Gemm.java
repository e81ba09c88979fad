package dev.dendrite.tensor.kernel;

/**
 * Single-precision matrix product {@code C (+)= op(A) · op(B)} on row-major arrays, where
 * {@code op(X)} is X or its transpose. The transposed forms are what backpropagation needs
 * ({@code dW = xᵀ·dY}, {@code dX = dY·Wᵀ}) without materialising a transpose.
 *
 * <p>Dispatches to the SIMD kernel when the Vector API is present, else to {@link ScalarGemm}.
 * Stateless and thread-safe.
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
        if (m == 0 || n == 0) {
            return;
        }
        if (VectorSupport.available()) {
            VectorGemm.multiply(m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, c, cOffset, accumulate);
        } else {
            ScalarGemm.multiply(m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, c, cOffset, accumulate);
        }
    }
}
