package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link VectorGemm}: one {@code ROWS x COLUMNS} tile of C
 * from a packed sliver of A and a packed sliver of B.
 *
 * <p>The tile is six rows by two vectors (6x16 floats on AVX2, 6x32 on AVX-512). Its twelve
 * accumulators are local variables, never an array: C2 keeps locals in registers but boxes
 * vectors stored into arrays, which costs a factor of thirty. Per step of k the kernel loads two
 * vectors of B and broadcasts six values of A; the broadcasts are grouped three at a time ahead of
 * their six fused multiply-adds, an order C2 schedules noticeably better than one broadcast per
 * two FMAs.
 *
 * <p>Packed layouts (see {@link GemmPacking}): the A sliver holds {@code ROWS} values per step of
 * k, the B sliver {@code COLUMNS} values per step. Stateless.
 */
final class MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of C per tile. */
    static final int ROWS = 6;
    /** Columns of C per tile: two vectors. */
    static final int COLUMNS = 2 * LANES;

    private MicroKernel() {
    }

    /**
     * Computes a full tile: {@code C[r][j] (+)= Σ_p A[p][r]·B[p][j]} for r < ROWS, j < COLUMNS.
     *
     * @param a packed A, the sliver starting at {@code aBase}
     * @param b packed B, the sliver starting at {@code bBase}
     * @param c the tile's top-left element is {@code c[cBase]}, rows {@code ldc} apart
     * @param add add into C when true, overwrite when false
     */
    static void tile(int kc, float[] a, int aBase, float[] b, int bBase,
                     float[] c, int cBase, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ai = aBase;
        int bi = bBase;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[ai]);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[ai + 1]);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[ai + 3]);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[ai + 4]);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            ai += ROWS;
            bi += COLUMNS;
        }
        store(c00, c, cBase, add);
        store(c01, c, cBase + LANES, add);
        store(c10, c, cBase + ldc, add);
        store(c11, c, cBase + ldc + LANES, add);
        store(c20, c, cBase + 2 * ldc, add);
        store(c21, c, cBase + 2 * ldc + LANES, add);
        store(c30, c, cBase + 3 * ldc, add);
        store(c31, c, cBase + 3 * ldc + LANES, add);
        store(c40, c, cBase + 4 * ldc, add);
        store(c41, c, cBase + 4 * ldc + LANES, add);
        store(c50, c, cBase + 5 * ldc, add);
        store(c51, c, cBase + 5 * ldc + LANES, add);
    }

    private static void store(FloatVector sum, float[] c, int index, boolean add) {
        if (add) {
            sum = sum.add(FloatVector.fromArray(SPECIES, c, index));
        }
        sum.intoArray(c, index);
    }
}
