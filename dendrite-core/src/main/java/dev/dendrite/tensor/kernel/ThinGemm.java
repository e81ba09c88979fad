package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product for a C at most two vectors wide and a row-major A ({@link #fits}): an
 * output layer's 10 columns. The packed kernel would fill 10 of its 32 columns per tile, or,
 * run on the transpose, spend half its time packing A. Here each row of C is one vector (two
 * when C is wider than one, as 10 columns are with AVX2's 8 lanes): per step p, the row
 * {@code op(B)[p]} is loaded once from a zero-padded copy and each of {@link #ROWS} rows of C (six
 * when two vectors wide) adds {@code op(A)[i][p]} times it, read where A lies, so nothing of A is
 * copied.
 *
 * <p>Every element of C sums over p in order, in one thread, so results do not depend on the
 * thread count. Stateless apart from a per-thread buffer for B.
 */
final class ThinGemm {
    private static final VectorSpecies<Float> SPECIES = MicroKernel.SPECIES;
    private static final int LANES = MicroKernel.LANES;
    /** Rows of C per block: twelve accumulators cover the FMA latency with room to spare. */
    static final int ROWS = 12;

    private static final ThreadLocal<float[][]> PACKED_B = ThreadLocal.withInitial(() -> new float[1][0]);

    private ThinGemm() {
    }

    /**
     * Whether this kernel takes the product: C narrower than two vectors, with more rows than
     * columns, and A row-major ({@code aColStride == 1}). With A transposed, the packed kernel run
     * on Cᵀ was 10-30% faster: A's rows are then its contiguous long side.
     */
    static boolean fits(int m, int n, int aColStride) {
        return n < 2 * LANES && m > n && aColStride == 1;
    }

    /**
     * As {@link VectorGemm#multiply}, on the calling thread, for a product that {@link #fits}: A is
     * row-major with rows {@code lda} apart.
     */
    static void multiply(int m, int n, int k, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int bRowStride, int bColStride,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        int width = n <= LANES ? LANES : 2 * LANES;
        float[] packed = packB(n, k, width, b, bOffset, bRowStride, bColStride);
        VectorMask<Float> first = SPECIES.indexInRange(0, n);
        VectorMask<Float> second = SPECIES.indexInRange(LANES, n);
        if (width == LANES) {
            for (int i = 0; i < m; i += ROWS) {
                twelveRows(k, a, aOffset + i * lda, lda, Math.min(ROWS, m - i), packed, c, cOffset + i * ldc, ldc,
                        accumulate, first);
            }
        } else {
            for (int i = 0; i < m; i += ROWS / 2) {
                sixRowsOfTwoVectors(k, a, aOffset + i * lda, lda, Math.min(ROWS / 2, m - i), packed,
                        c, cOffset + i * ldc, ldc, accumulate, first, second);
            }
        }
    }

    /** op(B) as k rows of {@code width} floats, zero past column n, in this thread's reusable buffer. */
    private static float[] packB(int n, int k, int width, float[] b, int bOffset, int bRowStride, int bColStride) {
        float[][] holder = PACKED_B.get();
        if (holder[0].length < k * width) {
            holder[0] = new float[k * width];
        }
        float[] packed = holder[0];
        if (bColStride == 1) {
            for (int j = 0; j < width; j += LANES) {
                VectorMask<Float> valid = SPECIES.indexInRange(j, n);
                for (int p = 0; p < k; p++) {
                    FloatVector.fromArray(SPECIES, b, bOffset + p * bRowStride + j, valid)
                            .intoArray(packed, p * width + j);
                }
            }
            return packed;
        }
        GemmPacking.packScalar(k, n, b, bOffset, bColStride, bRowStride, packed, 0, width);
        return packed;
    }

    /**
     * The first {@code rows} (at most twelve) rows of a block of C, row r's values of A at
     * {@code a[aBase + r·lda + p]}. Indexing by p itself, not by a running offset, lets C2 hoist the
     * bounds checks out of the loop. A block with fewer rows reads its last row again in place of
     * the missing ones and stores only its own: at full speed, where a row at a time waited on
     * each FMA's latency (8 leftover rows took a third of a 128-row product).
     */
    private static void twelveRows(int k, float[] a, int aBase, int lda, int rows, float[] packed,
                                   float[] c, int cBase, int ldc, boolean accumulate, VectorMask<Float> valid) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        FloatVector s8 = s0;
        FloatVector s9 = s0;
        FloatVector s10 = s0;
        FloatVector s11 = s0;
        int row0 = aBase;
        int row1 = aBase + Math.min(1, rows - 1) * lda;
        int row2 = aBase + Math.min(2, rows - 1) * lda;
        int row3 = aBase + Math.min(3, rows - 1) * lda;
        int row4 = aBase + Math.min(4, rows - 1) * lda;
        int row5 = aBase + Math.min(5, rows - 1) * lda;
        int row6 = aBase + Math.min(6, rows - 1) * lda;
        int row7 = aBase + Math.min(7, rows - 1) * lda;
        int row8 = aBase + Math.min(8, rows - 1) * lda;
        int row9 = aBase + Math.min(9, rows - 1) * lda;
        int row10 = aBase + Math.min(10, rows - 1) * lda;
        int row11 = aBase + Math.min(11, rows - 1) * lda;
        for (int p = 0; p < k; p++) {
            FloatVector row = FloatVector.fromArray(SPECIES, packed, p * LANES);
            s0 = FloatVector.broadcast(SPECIES, a[row0 + p]).fma(row, s0);
            s1 = FloatVector.broadcast(SPECIES, a[row1 + p]).fma(row, s1);
            s2 = FloatVector.broadcast(SPECIES, a[row2 + p]).fma(row, s2);
            s3 = FloatVector.broadcast(SPECIES, a[row3 + p]).fma(row, s3);
            s4 = FloatVector.broadcast(SPECIES, a[row4 + p]).fma(row, s4);
            s5 = FloatVector.broadcast(SPECIES, a[row5 + p]).fma(row, s5);
            s6 = FloatVector.broadcast(SPECIES, a[row6 + p]).fma(row, s6);
            s7 = FloatVector.broadcast(SPECIES, a[row7 + p]).fma(row, s7);
            s8 = FloatVector.broadcast(SPECIES, a[row8 + p]).fma(row, s8);
            s9 = FloatVector.broadcast(SPECIES, a[row9 + p]).fma(row, s9);
            s10 = FloatVector.broadcast(SPECIES, a[row10 + p]).fma(row, s10);
            s11 = FloatVector.broadcast(SPECIES, a[row11 + p]).fma(row, s11);
        }
        MicroKernel.store(s0, c, cBase, accumulate, valid);
        if (rows > 1) {
            MicroKernel.store(s1, c, cBase + ldc, accumulate, valid);
        }
        if (rows > 2) {
            MicroKernel.store(s2, c, cBase + 2 * ldc, accumulate, valid);
        }
        if (rows > 3) {
            MicroKernel.store(s3, c, cBase + 3 * ldc, accumulate, valid);
        }
        if (rows > 4) {
            MicroKernel.store(s4, c, cBase + 4 * ldc, accumulate, valid);
        }
        if (rows > 5) {
            MicroKernel.store(s5, c, cBase + 5 * ldc, accumulate, valid);
        }
        if (rows > 6) {
            MicroKernel.store(s6, c, cBase + 6 * ldc, accumulate, valid);
        }
        if (rows > 7) {
            MicroKernel.store(s7, c, cBase + 7 * ldc, accumulate, valid);
        }
        if (rows > 8) {
            MicroKernel.store(s8, c, cBase + 8 * ldc, accumulate, valid);
        }
        if (rows > 9) {
            MicroKernel.store(s9, c, cBase + 9 * ldc, accumulate, valid);
        }
        if (rows > 10) {
            MicroKernel.store(s10, c, cBase + 10 * ldc, accumulate, valid);
        }
        if (rows > 11) {
            MicroKernel.store(s11, c, cBase + 11 * ldc, accumulate, valid);
        }
    }

    /** As {@link #twelveRows}, for at most six rows of a C two vectors wide. */
    private static void sixRowsOfTwoVectors(int k, float[] a, int aBase, int lda, int rows, float[] packed,
                                            float[] c, int cBase, int ldc, boolean accumulate,
                                            VectorMask<Float> first, VectorMask<Float> second) {
        FloatVector s0x0 = FloatVector.zero(SPECIES);
        FloatVector s0x1 = s0x0;
        FloatVector s1x0 = s0x0;
        FloatVector s1x1 = s0x0;
        FloatVector s2x0 = s0x0;
        FloatVector s2x1 = s0x0;
        FloatVector s3x0 = s0x0;
        FloatVector s3x1 = s0x0;
        FloatVector s4x0 = s0x0;
        FloatVector s4x1 = s0x0;
        FloatVector s5x0 = s0x0;
        FloatVector s5x1 = s0x0;
        int row0 = aBase;
        int row1 = aBase + Math.min(1, rows - 1) * lda;
        int row2 = aBase + Math.min(2, rows - 1) * lda;
        int row3 = aBase + Math.min(3, rows - 1) * lda;
        int row4 = aBase + Math.min(4, rows - 1) * lda;
        int row5 = aBase + Math.min(5, rows - 1) * lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, packed, p * 2 * LANES);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packed, p * 2 * LANES + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            s0x0 = a0.fma(b0, s0x0);
            s0x1 = a0.fma(b1, s0x1);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + p]);
            s1x0 = a1.fma(b0, s1x0);
            s1x1 = a1.fma(b1, s1x1);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + p]);
            s2x0 = a2.fma(b0, s2x0);
            s2x1 = a2.fma(b1, s2x1);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + p]);
            s3x0 = a3.fma(b0, s3x0);
            s3x1 = a3.fma(b1, s3x1);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + p]);
            s4x0 = a4.fma(b0, s4x0);
            s4x1 = a4.fma(b1, s4x1);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + p]);
            s5x0 = a5.fma(b0, s5x0);
            s5x1 = a5.fma(b1, s5x1);
        }
        MicroKernel.store(s0x0, c, cBase, accumulate, first);
        MicroKernel.store(s0x1, c, cBase + LANES, accumulate, second);
        if (rows > 1) {
            MicroKernel.store(s1x0, c, cBase + ldc, accumulate, first);
            MicroKernel.store(s1x1, c, cBase + ldc + LANES, accumulate, second);
        }
        if (rows > 2) {
            MicroKernel.store(s2x0, c, cBase + 2 * ldc, accumulate, first);
            MicroKernel.store(s2x1, c, cBase + 2 * ldc + LANES, accumulate, second);
        }
        if (rows > 3) {
            MicroKernel.store(s3x0, c, cBase + 3 * ldc, accumulate, first);
            MicroKernel.store(s3x1, c, cBase + 3 * ldc + LANES, accumulate, second);
        }
        if (rows > 4) {
            MicroKernel.store(s4x0, c, cBase + 4 * ldc, accumulate, first);
            MicroKernel.store(s4x1, c, cBase + 4 * ldc + LANES, accumulate, second);
        }
        if (rows > 5) {
            MicroKernel.store(s5x0, c, cBase + 5 * ldc, accumulate, first);
            MicroKernel.store(s5x1, c, cBase + 5 * ldc + LANES, accumulate, second);
        }
    }
}
