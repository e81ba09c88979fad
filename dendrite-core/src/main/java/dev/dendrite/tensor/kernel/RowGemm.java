package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products too small to pack ({@link VectorGemm#SMALL_WORK}), or with one or two rows of C
 * (one-sample inference): each row of C from the rows of a row-major B, on the calling thread,
 * with the Vector API. Every element sums {@code a[p]·B[p][j]} over p in order from zero and is
 * added to C afterwards when accumulating, as the packed path does, so the bits do not depend on
 * which of these loops computed it. Loaded only when {@link VectorSupport#available()}.
 *
 * <p>Sums are stored by plain unmasked loads and stores written out in each loop, not through a
 * shared helper: C2 did not inline {@code MicroKernel.store} into these large methods, so every
 * call boxed its vector argument, a third of all the bytes the series' network allocated.
 */
final class RowGemm {
    private RowGemm() {
    }

    /**
     * A small product row by row ({@link #rowTimesMatrix}), with op(B) copied row-major first when
     * it is stored transposed. For the series' 5-layer network (batch 50, layers of 16 and 32) the
     * packed path's blocking and packing cost more than the arithmetic.
     */
    static void small(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                      float[] b, int bOffset, int bRowStride, int bColStride,
                      float[] c, int cOffset, int ldc, boolean accumulate) {
        int ldb = bRowStride;
        if (bColStride != 1) {
            float[] rows = Scratch.floats(Scratch.ROWS_OF_B, k * n);
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    rows[p * n + j] = b[bOffset + p * bRowStride + j * bColStride];
                }
            }
            b = rows;
            bOffset = 0;
            ldb = n;
        }
        int i = 0;
        if (n < 4 * MicroKernel.LANES) {
            for (; i + 4 <= m; i += 4) {
                fourRows(n, k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset, ldb,
                        c, cOffset + i * ldc, ldc, accumulate);
            }
        }
        for (; i < m; i++) {
            rowTimesMatrix(n, k, a, aOffset + i * aRowStride, aColStride, b, bOffset, ldb, c, cOffset + i * ldc,
                    accumulate);
        }
    }

    /**
     * One row of C from one row of op(A) and a row-major B, without packing: packing all of B to
     * use it for a single row (one-sample inference) cost more than the product itself. Four
     * vectors of C at a time, each summing {@code a[p]·B[p][j]} over p in order; the sum is
     * added to C afterwards when accumulating, as the packed path does.
     */
    static void rowTimesMatrix(int n, int k, float[] a, int aBase, int aStep, float[] b, int bOffset,
                               int ldb, float[] c, int cBase, boolean accumulate) {
        VectorSpecies<Float> species = MicroKernel.SPECIES;
        int lanes = MicroKernel.LANES;
        int j = 0;
        for (; j + 8 * lanes <= n; j += 8 * lanes) {
            eightVectors(k, a, aBase, aStep, b, bOffset + j, ldb, c, cBase + j, accumulate);
        }
        for (; j + 4 * lanes <= n; j += 4 * lanes) {
            FloatVector s0 = FloatVector.zero(species);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int p = 0, ai = aBase, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                FloatVector x = FloatVector.broadcast(species, a[ai]);
                s0 = x.fma(FloatVector.fromArray(species, b, bi), s0);
                s1 = x.fma(FloatVector.fromArray(species, b, bi + lanes), s1);
                s2 = x.fma(FloatVector.fromArray(species, b, bi + 2 * lanes), s2);
                s3 = x.fma(FloatVector.fromArray(species, b, bi + 3 * lanes), s3);
            }
            int r = cBase + j;
            (s0 = accumulate ? s0.add(FloatVector.fromArray(species, c, r)) : s0).intoArray(c, r);
            (s1 = accumulate ? s1.add(FloatVector.fromArray(species, c, r + lanes)) : s1).intoArray(c, r + lanes);
            (s2 = accumulate ? s2.add(FloatVector.fromArray(species, c, r + 2 * lanes)) : s2)
                    .intoArray(c, r + 2 * lanes);
            (s3 = accumulate ? s3.add(FloatVector.fromArray(species, c, r + 3 * lanes)) : s3)
                    .intoArray(c, r + 3 * lanes);
        }
        for (; j + lanes <= n; j += lanes) {
            FloatVector s = FloatVector.zero(species);
            for (int p = 0, ai = aBase, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                s = FloatVector.broadcast(species, a[ai]).fma(FloatVector.fromArray(species, b, bi), s);
            }
            (s = accumulate ? s.add(FloatVector.fromArray(species, c, cBase + j)) : s).intoArray(c, cBase + j);
        }
        scalarColumns(j, n, k, a, aBase, aStep, b, bOffset, ldb, c, cBase, accumulate);
    }

    /**
     * Four rows of C at once, for a C narrower than four vectors: one row alone would sum one or
     * two vectors, each FMA waiting for the last (the series' network, 32 columns and 50 inner
     * terms, spent a third of its time so). Four rows give four or eight independent sums that share
     * each load of B. Each element still sums over p in order, so the bits are those of
     * {@link #rowTimesMatrix}.
     */
    private static void fourRows(int n, int k, float[] a, int aBase, int aRowStride, int aStep, float[] b,
                                 int bOffset, int ldb, float[] c, int cBase, int ldc, boolean accumulate) {
        VectorSpecies<Float> species = MicroKernel.SPECIES;
        int lanes = MicroKernel.LANES;
        int a1 = aBase + aRowStride;
        int a2 = a1 + aRowStride;
        int a3 = a2 + aRowStride;
        int j = 0;
        for (; j + 2 * lanes <= n; j += 2 * lanes) {
            FloatVector s00 = FloatVector.zero(species);
            FloatVector s01 = s00;
            FloatVector s10 = s00;
            FloatVector s11 = s00;
            FloatVector s20 = s00;
            FloatVector s21 = s00;
            FloatVector s30 = s00;
            FloatVector s31 = s00;
            for (int p = 0, ai = 0, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(species, b, bi);
                FloatVector b1 = FloatVector.fromArray(species, b, bi + lanes);
                FloatVector x0 = FloatVector.broadcast(species, a[aBase + ai]);
                s00 = x0.fma(b0, s00);
                s01 = x0.fma(b1, s01);
                FloatVector x1 = FloatVector.broadcast(species, a[a1 + ai]);
                s10 = x1.fma(b0, s10);
                s11 = x1.fma(b1, s11);
                FloatVector x2 = FloatVector.broadcast(species, a[a2 + ai]);
                s20 = x2.fma(b0, s20);
                s21 = x2.fma(b1, s21);
                FloatVector x3 = FloatVector.broadcast(species, a[a3 + ai]);
                s30 = x3.fma(b0, s30);
                s31 = x3.fma(b1, s31);
            }
            int r0 = cBase + j;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            (s00 = accumulate ? s00.add(FloatVector.fromArray(species, c, r0)) : s00).intoArray(c, r0);
            (s01 = accumulate ? s01.add(FloatVector.fromArray(species, c, r0 + lanes)) : s01).intoArray(c, r0 + lanes);
            (s10 = accumulate ? s10.add(FloatVector.fromArray(species, c, r1)) : s10).intoArray(c, r1);
            (s11 = accumulate ? s11.add(FloatVector.fromArray(species, c, r1 + lanes)) : s11).intoArray(c, r1 + lanes);
            (s20 = accumulate ? s20.add(FloatVector.fromArray(species, c, r2)) : s20).intoArray(c, r2);
            (s21 = accumulate ? s21.add(FloatVector.fromArray(species, c, r2 + lanes)) : s21).intoArray(c, r2 + lanes);
            (s30 = accumulate ? s30.add(FloatVector.fromArray(species, c, r3)) : s30).intoArray(c, r3);
            (s31 = accumulate ? s31.add(FloatVector.fromArray(species, c, r3 + lanes)) : s31).intoArray(c, r3 + lanes);
        }
        for (; j + lanes <= n; j += lanes) {
            FloatVector s0 = FloatVector.zero(species);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int p = 0, ai = 0, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                FloatVector row = FloatVector.fromArray(species, b, bi);
                s0 = FloatVector.broadcast(species, a[aBase + ai]).fma(row, s0);
                s1 = FloatVector.broadcast(species, a[a1 + ai]).fma(row, s1);
                s2 = FloatVector.broadcast(species, a[a2 + ai]).fma(row, s2);
                s3 = FloatVector.broadcast(species, a[a3 + ai]).fma(row, s3);
            }
            int r0 = cBase + j;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            (s0 = accumulate ? s0.add(FloatVector.fromArray(species, c, r0)) : s0).intoArray(c, r0);
            (s1 = accumulate ? s1.add(FloatVector.fromArray(species, c, r1)) : s1).intoArray(c, r1);
            (s2 = accumulate ? s2.add(FloatVector.fromArray(species, c, r2)) : s2).intoArray(c, r2);
            (s3 = accumulate ? s3.add(FloatVector.fromArray(species, c, r3)) : s3).intoArray(c, r3);
        }
        fourRowsScalarColumns(j, n, k, a, aBase, aRowStride, aStep, b, bOffset, ldb, c, cBase, ldc, accumulate);
    }

    /**
     * Columns {@code [from, n)} of four rows of C (fewer than a vector's lanes, or none), the four
     * rows' sums in one loop: four chains of FMAs overlap where one row alone waits on each FMA (a
     * layer of one output spent half its product so). Each sum runs as in {@link #scalarColumns},
     * so the bits are the same.
     */
    private static void fourRowsScalarColumns(int from, int n, int k, float[] a, int aBase, int aRowStride,
                                              int aStep, float[] b, int bOffset, int ldb, float[] c, int cBase,
                                              int ldc, boolean accumulate) {
        int a1 = aBase + aRowStride;
        int a2 = a1 + aRowStride;
        int a3 = a2 + aRowStride;
        for (int j = from; j < n; j++) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            for (int p = 0, ai = 0, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                float y = b[bi];
                s0 = Math.fma(a[aBase + ai], y, s0);
                s1 = Math.fma(a[a1 + ai], y, s1);
                s2 = Math.fma(a[a2 + ai], y, s2);
                s3 = Math.fma(a[a3 + ai], y, s3);
            }
            int r0 = cBase + j;
            c[r0] = accumulate ? c[r0] + s0 : s0;
            c[r0 + ldc] = accumulate ? c[r0 + ldc] + s1 : s1;
            c[r0 + 2 * ldc] = accumulate ? c[r0 + 2 * ldc] + s2 : s2;
            c[r0 + 3 * ldc] = accumulate ? c[r0 + 3 * ldc] + s3 : s3;
        }
    }

    /**
     * Columns {@code [from, n)} of one row of C (fewer than a vector's lanes, or none), one scalar sum each.
     * A masked vector there would read past the end of B's last row or C's, which the Vector API
     * checks lane by lane in plain Java (a tenth of the series' network's time went there).
     * {@link Math#fma} rounds once, as the vector FMA does, and p runs in the same order, so the bits
     * are the vector loop's.
     */
    private static void scalarColumns(int from, int n, int k, float[] a, int aBase, int aStep, float[] b,
                                      int bOffset, int ldb, float[] c, int cBase, boolean accumulate) {
        for (int j = from; j < n; j++) {
            float sum = 0f;
            for (int p = 0, ai = aBase, bi = bOffset + j; p < k; p++, ai += aStep, bi += ldb) {
                sum = Math.fma(a[ai], b[bi], sum);
            }
            c[cBase + j] = accumulate ? c[cBase + j] + sum : sum;
        }
    }

    /**
     * Eight vectors of one row of C: eight independent sums keep both FMA units busy, where four
     * wait on the FMA latency every step. Each sum still runs over p in order, so the bits are
     * those of the four-vector loop.
     */
    private static void eightVectors(int k, float[] a, int aBase, int aStep, float[] b, int bBase, int ldb,
                                     float[] c, int cBase, boolean accumulate) {
        VectorSpecies<Float> species = MicroKernel.SPECIES;
        int lanes = MicroKernel.LANES;
        FloatVector s0 = FloatVector.zero(species);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int p = 0, ai = aBase, bi = bBase; p < k; p++, ai += aStep, bi += ldb) {
            FloatVector x = FloatVector.broadcast(species, a[ai]);
            s0 = x.fma(FloatVector.fromArray(species, b, bi), s0);
            s1 = x.fma(FloatVector.fromArray(species, b, bi + lanes), s1);
            s2 = x.fma(FloatVector.fromArray(species, b, bi + 2 * lanes), s2);
            s3 = x.fma(FloatVector.fromArray(species, b, bi + 3 * lanes), s3);
            s4 = x.fma(FloatVector.fromArray(species, b, bi + 4 * lanes), s4);
            s5 = x.fma(FloatVector.fromArray(species, b, bi + 5 * lanes), s5);
            s6 = x.fma(FloatVector.fromArray(species, b, bi + 6 * lanes), s6);
            s7 = x.fma(FloatVector.fromArray(species, b, bi + 7 * lanes), s7);
        }
        (s0 = accumulate ? s0.add(FloatVector.fromArray(species, c, cBase)) : s0).intoArray(c, cBase);
        (s1 = accumulate ? s1.add(FloatVector.fromArray(species, c, cBase + lanes)) : s1).intoArray(c, cBase + lanes);
        (s2 = accumulate ? s2.add(FloatVector.fromArray(species, c, cBase + 2 * lanes)) : s2)
                .intoArray(c, cBase + 2 * lanes);
        (s3 = accumulate ? s3.add(FloatVector.fromArray(species, c, cBase + 3 * lanes)) : s3)
                .intoArray(c, cBase + 3 * lanes);
        (s4 = accumulate ? s4.add(FloatVector.fromArray(species, c, cBase + 4 * lanes)) : s4)
                .intoArray(c, cBase + 4 * lanes);
        (s5 = accumulate ? s5.add(FloatVector.fromArray(species, c, cBase + 5 * lanes)) : s5)
                .intoArray(c, cBase + 5 * lanes);
        (s6 = accumulate ? s6.add(FloatVector.fromArray(species, c, cBase + 6 * lanes)) : s6)
                .intoArray(c, cBase + 6 * lanes);
        (s7 = accumulate ? s7.add(FloatVector.fromArray(species, c, cBase + 7 * lanes)) : s7)
                .intoArray(c, cBase + 7 * lanes);
    }
}
