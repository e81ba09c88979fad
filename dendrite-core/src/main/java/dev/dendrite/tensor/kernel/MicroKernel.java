package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernels of {@link VectorGemm}: one {@code ROWS x COLUMNS} tile of C
 * from a sliver of A and a packed sliver of B.
 *
 * <p>The tile is {@link #ROWS} rows by two vectors: 6x16 floats on AVX2, 12x32 on AVX-512. Its
 * accumulators are local variables, never an array: C2 keeps locals in registers but boxes
 * vectors stored into arrays, which costs a factor of thirty. Per step of k a kernel loads two
 * vectors of B and broadcasts one value of A per row into both.
 *
 * <p>A comes in one of two forms. {@link #tileDirect} reads {@code ROWS} rows of a row-major
 * matrix (A itself, or a row-major copy of a block of it), one read stream per row. {@link #tile}
 * reads a packed sliver ({@link GemmPacking#packA}) holding the {@code ROWS} values of each step
 * side by side, one stream in all; it is used with 512-bit vectors only, where it beat the
 * row form once C is wide enough to repay packing. With AVX2 it ran 20-30% slower than the row
 * form on every shape we tried. B always comes packed: {@code COLUMNS} values per step. Stateless.
 */
final class MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * Rows of C per tile: 12 with 512-bit vectors, whose 32 registers hold 24 accumulators, else 6,
     * which fills AVX2's 16 registers (12 accumulators, two B vectors, broadcasts).
     */
    static final int ROWS = LANES >= 16 ? 12 : 6;
    /** Columns of C per tile: two vectors. */
    static final int COLUMNS = 2 * LANES;

    private MicroKernel() {
    }

    /**
     * Computes a full tile from a packed A sliver ({@code ROWS == 12} only):
     * {@code C[r][j] = Σ_p A[p][r]·B[p][j]} for r < ROWS, j < COLUMNS. The broadcasts are grouped
     * three at a time ahead of their six fused multiply-adds, an order C2 schedules better here
     * than one broadcast per two FMAs.
     *
     * @param a packed A, the sliver starting at {@code aBase}
     * @param b packed B, the sliver starting at {@code bBase}
     * @param c the tile's top-left element is {@code c[cBase]}, rows {@code ldc} apart; overwritten
     *          (to add into C, compute into a buffer and {@link #addTile} it)
     */
    static void tile(int kc, float[] a, int aBase, float[] b, int bBase, float[] c, int cBase, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c0x0 = zero;
        FloatVector c0x1 = zero;
        FloatVector c1x0 = zero;
        FloatVector c1x1 = zero;
        FloatVector c2x0 = zero;
        FloatVector c2x1 = zero;
        FloatVector c3x0 = zero;
        FloatVector c3x1 = zero;
        FloatVector c4x0 = zero;
        FloatVector c4x1 = zero;
        FloatVector c5x0 = zero;
        FloatVector c5x1 = zero;
        FloatVector c6x0 = zero;
        FloatVector c6x1 = zero;
        FloatVector c7x0 = zero;
        FloatVector c7x1 = zero;
        FloatVector c8x0 = zero;
        FloatVector c8x1 = zero;
        FloatVector c9x0 = zero;
        FloatVector c9x1 = zero;
        FloatVector c10x0 = zero;
        FloatVector c10x1 = zero;
        FloatVector c11x0 = zero;
        FloatVector c11x1 = zero;
        int ai = aBase;
        int bi = bBase;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[ai]);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[ai + 1]);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c0x0 = a0.fma(b0, c0x0);
            c0x1 = a0.fma(b1, c0x1);
            c1x0 = a1.fma(b0, c1x0);
            c1x1 = a1.fma(b1, c1x1);
            c2x0 = a2.fma(b0, c2x0);
            c2x1 = a2.fma(b1, c2x1);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[ai + 3]);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[ai + 4]);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c3x0 = a3.fma(b0, c3x0);
            c3x1 = a3.fma(b1, c3x1);
            c4x0 = a4.fma(b0, c4x0);
            c4x1 = a4.fma(b1, c4x1);
            c5x0 = a5.fma(b0, c5x0);
            c5x1 = a5.fma(b1, c5x1);
            FloatVector a6 = FloatVector.broadcast(SPECIES, a[ai + 6]);
            FloatVector a7 = FloatVector.broadcast(SPECIES, a[ai + 7]);
            FloatVector a8 = FloatVector.broadcast(SPECIES, a[ai + 8]);
            c6x0 = a6.fma(b0, c6x0);
            c6x1 = a6.fma(b1, c6x1);
            c7x0 = a7.fma(b0, c7x0);
            c7x1 = a7.fma(b1, c7x1);
            c8x0 = a8.fma(b0, c8x0);
            c8x1 = a8.fma(b1, c8x1);
            FloatVector a9 = FloatVector.broadcast(SPECIES, a[ai + 9]);
            FloatVector a10 = FloatVector.broadcast(SPECIES, a[ai + 10]);
            FloatVector a11 = FloatVector.broadcast(SPECIES, a[ai + 11]);
            c9x0 = a9.fma(b0, c9x0);
            c9x1 = a9.fma(b1, c9x1);
            c10x0 = a10.fma(b0, c10x0);
            c10x1 = a10.fma(b1, c10x1);
            c11x0 = a11.fma(b0, c11x0);
            c11x1 = a11.fma(b1, c11x1);
            ai += 12;
            bi += COLUMNS;
        }
        c0x0.intoArray(c, cBase);
        c0x1.intoArray(c, cBase + LANES);
        c1x0.intoArray(c, cBase + ldc);
        c1x1.intoArray(c, cBase + ldc + LANES);
        c2x0.intoArray(c, cBase + 2 * ldc);
        c2x1.intoArray(c, cBase + 2 * ldc + LANES);
        c3x0.intoArray(c, cBase + 3 * ldc);
        c3x1.intoArray(c, cBase + 3 * ldc + LANES);
        c4x0.intoArray(c, cBase + 4 * ldc);
        c4x1.intoArray(c, cBase + 4 * ldc + LANES);
        c5x0.intoArray(c, cBase + 5 * ldc);
        c5x1.intoArray(c, cBase + 5 * ldc + LANES);
        c6x0.intoArray(c, cBase + 6 * ldc);
        c6x1.intoArray(c, cBase + 6 * ldc + LANES);
        c7x0.intoArray(c, cBase + 7 * ldc);
        c7x1.intoArray(c, cBase + 7 * ldc + LANES);
        c8x0.intoArray(c, cBase + 8 * ldc);
        c8x1.intoArray(c, cBase + 8 * ldc + LANES);
        c9x0.intoArray(c, cBase + 9 * ldc);
        c9x1.intoArray(c, cBase + 9 * ldc + LANES);
        c10x0.intoArray(c, cBase + 10 * ldc);
        c10x1.intoArray(c, cBase + 10 * ldc + LANES);
        c11x0.intoArray(c, cBase + 11 * ldc);
        c11x1.intoArray(c, cBase + 11 * ldc + LANES);
    }

    /**
     * Computes a full tile as {@link #tile} does, on any vector width, but reads A from a row-major
     * matrix: row r's value for step p is {@code a[aBase + r·lda + p]}. Reading A in place saves
     * packing it, a transposing copy that costs as much as the product itself when C has few
     * columns; the price is {@code ROWS} read streams instead of one. Indexing by p itself lets C2
     * hoist the bounds checks.
     */
    static void tileDirect(int kc, float[] a, int aBase, int lda, float[] b, int bBase, float[] c, int cBase, int ldc) {
        if (ROWS == 12) {
            tile12Direct(kc, a, aBase, lda, b, bBase, c, cBase, ldc);
        } else {
            tile6Direct(kc, a, aBase, lda, b, bBase, c, cBase, ldc);
        }
    }

    /** The 12-row tile reading A from a row-major matrix, as {@link #tileDirect}. */
    private static void tile12Direct(int kc, float[] a, int aBase, int lda, float[] b, int bBase,
                                     float[] c, int cBase, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c0x0 = zero;
        FloatVector c0x1 = zero;
        FloatVector c1x0 = zero;
        FloatVector c1x1 = zero;
        FloatVector c2x0 = zero;
        FloatVector c2x1 = zero;
        FloatVector c3x0 = zero;
        FloatVector c3x1 = zero;
        FloatVector c4x0 = zero;
        FloatVector c4x1 = zero;
        FloatVector c5x0 = zero;
        FloatVector c5x1 = zero;
        FloatVector c6x0 = zero;
        FloatVector c6x1 = zero;
        FloatVector c7x0 = zero;
        FloatVector c7x1 = zero;
        FloatVector c8x0 = zero;
        FloatVector c8x1 = zero;
        FloatVector c9x0 = zero;
        FloatVector c9x1 = zero;
        FloatVector c10x0 = zero;
        FloatVector c10x1 = zero;
        FloatVector c11x0 = zero;
        FloatVector c11x1 = zero;
        int row0 = aBase;
        int row1 = aBase + 1 * lda;
        int row2 = aBase + 2 * lda;
        int row3 = aBase + 3 * lda;
        int row4 = aBase + 4 * lda;
        int row5 = aBase + 5 * lda;
        int row6 = aBase + 6 * lda;
        int row7 = aBase + 7 * lda;
        int row8 = aBase + 8 * lda;
        int row9 = aBase + 9 * lda;
        int row10 = aBase + 10 * lda;
        int row11 = aBase + 11 * lda;
        int bi = bBase;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + p]);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + p]);
            c0x0 = a0.fma(b0, c0x0);
            c0x1 = a0.fma(b1, c0x1);
            c1x0 = a1.fma(b0, c1x0);
            c1x1 = a1.fma(b1, c1x1);
            c2x0 = a2.fma(b0, c2x0);
            c2x1 = a2.fma(b1, c2x1);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + p]);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + p]);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + p]);
            c3x0 = a3.fma(b0, c3x0);
            c3x1 = a3.fma(b1, c3x1);
            c4x0 = a4.fma(b0, c4x0);
            c4x1 = a4.fma(b1, c4x1);
            c5x0 = a5.fma(b0, c5x0);
            c5x1 = a5.fma(b1, c5x1);
            FloatVector a6 = FloatVector.broadcast(SPECIES, a[row6 + p]);
            FloatVector a7 = FloatVector.broadcast(SPECIES, a[row7 + p]);
            FloatVector a8 = FloatVector.broadcast(SPECIES, a[row8 + p]);
            c6x0 = a6.fma(b0, c6x0);
            c6x1 = a6.fma(b1, c6x1);
            c7x0 = a7.fma(b0, c7x0);
            c7x1 = a7.fma(b1, c7x1);
            c8x0 = a8.fma(b0, c8x0);
            c8x1 = a8.fma(b1, c8x1);
            FloatVector a9 = FloatVector.broadcast(SPECIES, a[row9 + p]);
            FloatVector a10 = FloatVector.broadcast(SPECIES, a[row10 + p]);
            FloatVector a11 = FloatVector.broadcast(SPECIES, a[row11 + p]);
            c9x0 = a9.fma(b0, c9x0);
            c9x1 = a9.fma(b1, c9x1);
            c10x0 = a10.fma(b0, c10x0);
            c10x1 = a10.fma(b1, c10x1);
            c11x0 = a11.fma(b0, c11x0);
            c11x1 = a11.fma(b1, c11x1);
            bi += COLUMNS;
        }
        c0x0.intoArray(c, cBase);
        c0x1.intoArray(c, cBase + LANES);
        c1x0.intoArray(c, cBase + ldc);
        c1x1.intoArray(c, cBase + ldc + LANES);
        c2x0.intoArray(c, cBase + 2 * ldc);
        c2x1.intoArray(c, cBase + 2 * ldc + LANES);
        c3x0.intoArray(c, cBase + 3 * ldc);
        c3x1.intoArray(c, cBase + 3 * ldc + LANES);
        c4x0.intoArray(c, cBase + 4 * ldc);
        c4x1.intoArray(c, cBase + 4 * ldc + LANES);
        c5x0.intoArray(c, cBase + 5 * ldc);
        c5x1.intoArray(c, cBase + 5 * ldc + LANES);
        c6x0.intoArray(c, cBase + 6 * ldc);
        c6x1.intoArray(c, cBase + 6 * ldc + LANES);
        c7x0.intoArray(c, cBase + 7 * ldc);
        c7x1.intoArray(c, cBase + 7 * ldc + LANES);
        c8x0.intoArray(c, cBase + 8 * ldc);
        c8x1.intoArray(c, cBase + 8 * ldc + LANES);
        c9x0.intoArray(c, cBase + 9 * ldc);
        c9x1.intoArray(c, cBase + 9 * ldc + LANES);
        c10x0.intoArray(c, cBase + 10 * ldc);
        c10x1.intoArray(c, cBase + 10 * ldc + LANES);
        c11x0.intoArray(c, cBase + 11 * ldc);
        c11x1.intoArray(c, cBase + 11 * ldc + LANES);
    }

    /** The 6-row tile for AVX2, as {@link #tileDirect}: one broadcast per two FMAs keeps it within 16 registers. */
    private static void tile6Direct(int kc, float[] a, int aBase, int lda, float[] b, int bBase,
                                    float[] c, int cBase, int ldc) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c0x0 = zero;
        FloatVector c0x1 = zero;
        FloatVector c1x0 = zero;
        FloatVector c1x1 = zero;
        FloatVector c2x0 = zero;
        FloatVector c2x1 = zero;
        FloatVector c3x0 = zero;
        FloatVector c3x1 = zero;
        FloatVector c4x0 = zero;
        FloatVector c4x1 = zero;
        FloatVector c5x0 = zero;
        FloatVector c5x1 = zero;
        int row0 = aBase;
        int row1 = aBase + 1 * lda;
        int row2 = aBase + 2 * lda;
        int row3 = aBase + 3 * lda;
        int row4 = aBase + 4 * lda;
        int row5 = aBase + 5 * lda;
        int bi = bBase;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            c0x0 = a0.fma(b0, c0x0);
            c0x1 = a0.fma(b1, c0x1);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row1 + p]);
            c1x0 = a1.fma(b0, c1x0);
            c1x1 = a1.fma(b1, c1x1);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row2 + p]);
            c2x0 = a2.fma(b0, c2x0);
            c2x1 = a2.fma(b1, c2x1);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row3 + p]);
            c3x0 = a3.fma(b0, c3x0);
            c3x1 = a3.fma(b1, c3x1);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[row4 + p]);
            c4x0 = a4.fma(b0, c4x0);
            c4x1 = a4.fma(b1, c4x1);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[row5 + p]);
            c5x0 = a5.fma(b0, c5x0);
            c5x1 = a5.fma(b1, c5x1);
            bi += COLUMNS;
        }
        c0x0.intoArray(c, cBase);
        c0x1.intoArray(c, cBase + LANES);
        c1x0.intoArray(c, cBase + ldc);
        c1x1.intoArray(c, cBase + ldc + LANES);
        c2x0.intoArray(c, cBase + 2 * ldc);
        c2x1.intoArray(c, cBase + 2 * ldc + LANES);
        c3x0.intoArray(c, cBase + 3 * ldc);
        c3x1.intoArray(c, cBase + 3 * ldc + LANES);
        c4x0.intoArray(c, cBase + 4 * ldc);
        c4x1.intoArray(c, cBase + 4 * ldc + LANES);
        c5x0.intoArray(c, cBase + 5 * ldc);
        c5x1.intoArray(c, cBase + 5 * ldc + LANES);
    }

    /**
     * Adds a full tile computed by {@link #tile} into C: {@code C[r][j] += tile[r·COLUMNS + j]}. A
     * separate small method rather than an add in the tile's epilogue: with 24 accumulators live,
     * C2 stops inlining there (NodeCountInliningCutoff), and each Vector API call it leaves out
     * boxes its vector and runs the library's generic Java loop instead of one instruction.
     */
    static void addTile(float[] tile, float[] c, int cBase, int ldc) {
        for (int r = 0; r < ROWS; r++) {
            int row = cBase + r * ldc;
            int from = r * COLUMNS;
            FloatVector.fromArray(SPECIES, c, row).add(FloatVector.fromArray(SPECIES, tile, from)).intoArray(c, row);
            FloatVector.fromArray(SPECIES, c, row + LANES).add(FloatVector.fromArray(SPECIES, tile, from + LANES))
                    .intoArray(c, row + LANES);
        }
    }

    /**
     * Writes one vector of results into C at {@code index}, or adds it to what is there, in the
     * lanes {@code valid} selects: the epilogue of the kernels that compute C a row at a time.
     */
    static void store(FloatVector sum, float[] c, int index, boolean accumulate, VectorMask<Float> valid) {
        FloatVector out = accumulate ? FloatVector.fromArray(SPECIES, c, index, valid).add(sum) : sum;
        out.intoArray(c, index, valid);
    }
}
