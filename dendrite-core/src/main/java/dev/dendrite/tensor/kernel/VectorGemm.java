package dev.dendrite.tensor.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Packed, cache-blocked SIMD matrix product with the Vector API. Loaded only when
 * {@link VectorSupport#available()}.
 *
 * <p>The loop nest is the Goto/BLIS one with the operands' roles swapped, as A supplies the
 * broadcasts and B the vectors. For each block of up to {@code MC} rows and each block of
 * {@code KC} steps of k, the A block is prepared once (packed into slivers, copied row-major, or
 * left in place: see {@link #DIRECT_A_MAX_COLUMNS}); then for each block of {@code NC} columns
 * the {@code KC x NC} panel of B is packed (it stays in L2), and every
 * {@link MicroKernel#ROWS} x {@link MicroKernel#COLUMNS} tile is computed from one A sliver and
 * one B sliver. The kernel runs one A sliver against every B sliver of the panel before moving
 * on, so that sliver stays in L1 while B slivers stream from L2. Edge tiles are computed into a
 * small buffer and only their valid part is copied out; so are all tiles when C is computed
 * transposed (for thin outputs, see {@link #multiply}).
 *
 * <p>The block sizes were tuned with 512-bit vectors on a 2-core VM with 48 KiB L1d and 2 MiB L2
 * per core; for AVX2 they scale with the tile and KC halves, untuned.
 *
 * <p>Every element of C is computed by one thread, with k visited in the same fixed order
 * whatever the thread count, so results are bit-for-bit the same for 1 or 2 threads. Large
 * products are split into row (or column) strips, one per thread, each running the whole loop
 * nest with its own packing buffers.
 */
final class VectorGemm {
    static final int ROWS = MicroKernel.ROWS;
    static final int COLUMNS = MicroKernel.COLUMNS;
    /**
     * Most steps of k per packed block. Long blocks pay: each tile reads and writes its C elements
     * once per block, and those accesses miss the cache. An A sliver ({@code ROWS x KC}) must still
     * sit in L1 beside the B sliver being read: 24 KiB with 512-bit vectors, 6 KiB with AVX2.
     */
    static final int KC = MicroKernel.LANES >= 16 ? 512 : 256;
    /**
     * Most rows per A block. A block is packed once per k block and then read sliver by sliver
     * from L3, one sliver at a time in L1, against every B panel; a block as tall as the product
     * means A is packed once in all. With blocks of 288 rows, a 2048-square product packed A four
     * times over and ran 8-12% slower.
     */
    static final int MC = 170 * ROWS;
    /** Columns per packed B block: the {@code KC x NC} panel (1 MiB, or 256 KiB with AVX2) stays in L2. */
    static final int NC = 16 * COLUMNS;
    /**
     * Products below this many multiply-adds (about 2 µs on one core) stay on one thread. With the
     * polling workers of {@link KernelThreads} a hand-off costs about a microsecond, and a 64x64x64
     * product already ran 1.3 times faster on two threads.
     */
    static final long PARALLEL_MIN_WORK = 1L << 18;
    /**
     * Products of at most this many multiply-adds run row by row without packing ({@link RowGemm#small}):
     * about 0.5 µs of arithmetic, less than blocking and packing cost.
     */
    static final long SMALL_WORK = 1L << 16;
    /** Products of at most this many rows of C skip packing when B is row-major ({@link RowGemm#rowTimesMatrix}). */
    static final int FEW_ROWS = 2;
    /**
     * With 512-bit vectors a row-major A is read in place ({@link MicroKernel#tileDirect}) when C
     * has at most this many columns, and packed into slivers otherwise. Packing A costs about as
     * much per element as one B sliver's worth of products, so it pays only when many slivers reuse
     * it: skipping it won 10-15% on the MLP's 128-row products and lost 3-9% from n = 512 up. With
     * AVX2 the sliver kernel ran 20-30% slower than reading rows at every size, so A is always
     * read as rows there: in place, or from a row-major copy when A is stored transposed.
     */
    static final int DIRECT_A_MAX_COLUMNS = 400;
    /** Floats of padding after each row of a row-major copy of A, so rows 2 KiB long do not share L1 sets. */
    static final int ROW_PAD = 16;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private VectorGemm() {
    }

    /**
     * Computes {@code C (+)= op(A)·op(B)} where op(A)[i][p] is {@code a[aOffset + i·aRowStride +
     * p·aColStride]}, op(B)[p][j] is {@code b[bOffset + p·bRowStride + j·bColStride]} and C[i][j] is
     * {@code c[cOffset + i·ldc + j]}, using up to {@code threads} threads.
     */
    static void multiply(int threads, int m, int n, int k,
                         float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int bRowStride, int bColStride,
                         float[] c, int cOffset, int ldc, boolean accumulate) {
        if (rowByRow(m, k, bColStride)) {
            for (int i = 0; i < m; i++) {
                RowGemm.rowTimesMatrix(n, k, a, aOffset + i * aRowStride, aColStride, b, bOffset, bRowStride,
                        c, cOffset + i * ldc, accumulate);
            }
            return;
        }
        if (small(m, n, k)) {
            RowGemm.small(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, ldc, accumulate);
            return;
        }
        if (ThinGemm.fits(m, n, aColStride)) {
            split(threads, m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, ldc, 1, accumulate, true);
        } else if (n < COLUMNS && m > n) {
            // Any other thin C would leave most of each tile's two vectors empty. Its transpose,
            // Cᵀ = op(B)ᵀ·op(A)ᵀ, runs the long side along the vectors instead.
            split(threads, n, m, k, b, bOffset, bColStride, bRowStride, a, aOffset, aColStride, aRowStride,
                    c, cOffset, 1, ldc, accumulate, false);
        } else {
            split(threads, m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, ldc, 1, accumulate, false);
        }
    }

    /**
     * How many steps of k each element's sum covers before it is added to C, for a product with
     * {@code k > 0}: all of k on the row-by-row and thin paths, equal blocks of at most {@link #KC}
     * on the packed one. {@link ScalarGemm} follows it to give the same bits; {@code multiply} above
     * picks its path with the same tests.
     */
    static int kBlock(int m, int n, int k, int aColStride, int bColStride) {
        if (rowByRow(m, k, bColStride) || small(m, n, k) || ThinGemm.fits(m, n, aColStride)) {
            return k;
        }
        return packedKStep(k);
    }

    /** Whether {@code multiply} computes C a row at a time from a row-major B ({@link RowGemm#rowTimesMatrix}). */
    private static boolean rowByRow(int m, int k, int bColStride) {
        return m <= FEW_ROWS && bColStride == 1 && k > 0;
    }

    /** Whether {@code multiply} computes C without packing ({@link RowGemm#small}), when not row by row. */
    private static boolean small(int m, int n, int k) {
        return (long) m * n * k <= SMALL_WORK && k > 0;
    }

    /** The packed path's k blocks: as few as {@link #KC} allows, equal in length (the last may be shorter). */
    private static int packedKStep(int k) {
        return ScalarGemm.equalBlock(k, KC);
    }

    /** Whether a product with {@code k = 0} adds its zero sums to C (the thin path) rather than leaving C alone. */
    static boolean addsZeroForEmptyK(int m, int n, int aColStride) {
        return ThinGemm.fits(m, n, aColStride);
    }

    /** Cuts C into strips, one per thread, when the product is large enough to pay for it. */
    private static void split(int threads, int m, int n, int k,
                              float[] a, int aOffset, int aRowStride, int aColStride,
                              float[] b, int bOffset, int bRowStride, int bColStride,
                              float[] c, int cOffset, int cRowStride, int cColStride, boolean accumulate,
                              boolean thin) {
        int parts = parts(threads, m, n, k);
        if (parts == 1) {
            serial(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, cRowStride, cColStride, accumulate, thin);
            return;
        }
        // Each strip packs all of the operand it shares with the others: split so that is the smaller.
        boolean splitRows = m >= n;
        int unit = splitRows ? ROWS : COLUMNS;
        int extent = splitRows ? m : n;
        int tiles = (extent + unit - 1) / unit;
        List<Runnable> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = Math.min(extent, (int) ((long) tiles * t / parts) * unit);
            int to = Math.min(extent, (int) ((long) tiles * (t + 1) / parts) * unit);
            if (splitRows) {
                tasks.add(() -> serial(to - from, n, k, a, aOffset + from * aRowStride, aRowStride, aColStride,
                        b, bOffset, bRowStride, bColStride, c, cOffset + from * cRowStride, cRowStride, cColStride,
                        accumulate, thin));
            } else {
                tasks.add(() -> serial(m, to - from, k, a, aOffset, aRowStride, aColStride,
                        b, bOffset + from * bColStride, bRowStride, bColStride, c, cOffset + from * cColStride,
                        cRowStride, cColStride, accumulate, thin));
            }
        }
        KernelThreads.runAll(tasks);
    }

    /** How many strips to cut: one unless the product is big enough to repay the hand-off. */
    static int parts(int threads, int m, int n, int k) {
        if (threads <= 1 || (long) m * n * k < PARALLEL_MIN_WORK) {
            return 1;
        }
        int tiles = m >= n ? (m + ROWS - 1) / ROWS : (n + COLUMNS - 1) / COLUMNS;
        return Math.max(1, Math.min(threads, tiles / 2));
    }

    private static void serial(int m, int n, int k,
                               float[] a, int aOffset, int aRowStride, int aColStride,
                               float[] b, int bOffset, int bRowStride, int bColStride,
                               float[] c, int cOffset, int cRowStride, int cColStride, boolean accumulate,
                               boolean thin) {
        if (m == 0 || n == 0) {
            return;
        }
        if (thin) {
            // Decided on the whole product, not per strip, so every thread count sums the same way.
            ThinGemm.multiply(m, n, k, a, aOffset, aRowStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, cRowStride, accumulate);
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c[cOffset + i * cRowStride + j * cColStride] = 0f;
                    }
                }
            }
            return;
        }
        Workspace work = WORKSPACE.get();
        // Equal k blocks: 784 splits as 392 + 392 rather than 512 + 272.
        int kStep = packedKStep(k);
        // How A reaches the kernel: rows read in place, a row-major copy, or packed slivers.
        if (aColStride == 1 && (ROWS == 6 || n <= DIRECT_A_MAX_COLUMNS)) {
            inPlace(m, n, k, kStep, a, aOffset, aRowStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, cRowStride, cColStride, accumulate, work);
        } else {
            packedA(m, n, k, kStep, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride,
                    c, cOffset, cRowStride, cColStride, accumulate, work);
        }
    }

    /**
     * The loop nest for a row-major A read in place: for each panel of B (columns, then k), every
     * sliver of A. Nothing of A is copied but its last few rows (fewer than a sliver), and all of
     * one panel's k blocks run back to back, while its part of C is still in cache.
     */
    private static void inPlace(int m, int n, int k, int kStep, float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int bRowStride, int bColStride,
                                float[] c, int cOffset, int cRowStride, int cColStride, boolean accumulate,
                                Workspace work) {
        // Only whole slivers in place: the last one would read past A's last row.
        int rowsInPlace = m / ROWS * ROWS;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                if (rowsInPlace < m) {
                    GemmPacking.packRows(m - rowsInPlace, kc, a, aOffset + rowsInPlace * lda + pc, lda, 1,
                            work.rowsA(m - rowsInPlace, kc + ROW_PAD), kc + ROW_PAD);
                }
                GemmPacking.packB(kc, nc, b, bOffset + pc * bRowStride + jc * bColStride,
                        bRowStride, bColStride, work.packedB, COLUMNS);
                block(m, nc, kc, work, false, a, aOffset + pc, lda, rowsInPlace,
                        c, cOffset + jc * cColStride, cRowStride, cColStride, accumulate || pc > 0);
            }
        }
    }

    /**
     * The loop nest when A is copied: for each block of rows and each k block, A is prepared once
     * (packed into slivers with 512-bit vectors, else copied row-major), then run against every
     * panel of B. Blocks of up to {@link #MC} rows, equal in whole slivers: 2050 rows split as
     * 1032 + 1018, not 2040 + 10.
     */
    private static void packedA(int m, int n, int k, int kStep,
                                float[] a, int aOffset, int aRowStride, int aColStride,
                                float[] b, int bOffset, int bRowStride, int bColStride,
                                float[] c, int cOffset, int cRowStride, int cColStride, boolean accumulate,
                                Workspace work) {
        boolean slivers = ROWS == 12;
        int rowBlocks = (m + MC - 1) / MC;
        int mStep = ((m + rowBlocks - 1) / rowBlocks + ROWS - 1) / ROWS * ROWS;
        for (int ic = 0; ic < m; ic += mStep) {
            int mc = Math.min(mStep, m - ic);
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                int aBlock = aOffset + ic * aRowStride + pc * aColStride;
                if (slivers) {
                    int slivered = (mc + ROWS - 1) / ROWS * ROWS;
                    GemmPacking.packA(mc, kc, a, aBlock, aRowStride, aColStride, work.packedA(slivered * kc), ROWS);
                } else {
                    GemmPacking.packRows(mc, kc, a, aBlock, aRowStride, aColStride, work.rowsA(mc, kc + ROW_PAD),
                            kc + ROW_PAD);
                }
                for (int jc = 0; jc < n; jc += NC) {
                    int nc = Math.min(NC, n - jc);
                    GemmPacking.packB(kc, nc, b, bOffset + pc * bRowStride + jc * bColStride,
                            bRowStride, bColStride, work.packedB, COLUMNS);
                    block(mc, nc, kc, work, slivers, a, aBlock, aRowStride, 0,
                            c, cOffset + ic * cRowStride + jc * cColStride, cRowStride, cColStride,
                            accumulate || pc > 0);
                }
            }
        }
    }

    /**
     * All tiles of one {@code mc x kc} block of A times one packed {@code kc x nc} block of B. A comes
     * as packed slivers ({@code slivers}), or as rows: the first {@code rowsInPlace} read in place
     * from {@code a}, the rest from the workspace's row-major copy. One A sliver stays in L1 while
     * the B slivers stream past it from L2.
     */
    private static void block(int mc, int nc, int kc, Workspace work, boolean slivers, float[] a, int aBlock,
                              int lda, int rowsInPlace, float[] c, int cBase, int cRowStride, int cColStride,
                              boolean add) {
        float[] packedB = work.packedB;
        int ld = kc + ROW_PAD;
        for (int i0 = 0; i0 < mc; i0 += ROWS) {
            int height = Math.min(ROWS, mc - i0);
            boolean fromA = i0 < rowsInPlace;
            float[] rows = fromA ? a : work.rowsA;
            int rowBase = fromA ? aBlock + i0 * lda : (i0 - rowsInPlace) * ld;
            int rowStride = fromA ? lda : ld;
            for (int j0 = 0; j0 < nc; j0 += COLUMNS) {
                int width = Math.min(COLUMNS, nc - j0);
                int bBase = j0 * kc;
                int cTile = cBase + i0 * cRowStride + j0 * cColStride;
                boolean full = width == COLUMNS && height == ROWS && cColStride == 1;
                if (full && !add) {
                    if (slivers) {
                        MicroKernel.tile(kc, work.packedA, i0 * kc, packedB, bBase, c, cTile, cRowStride);
                    } else {
                        MicroKernel.tileDirect(kc, rows, rowBase, rowStride, packedB, bBase, c, cTile, cRowStride);
                    }
                    continue;
                }
                if (slivers) {
                    MicroKernel.tile(kc, work.packedA, i0 * kc, packedB, bBase, work.edge, 0, COLUMNS);
                } else {
                    MicroKernel.tileDirect(kc, rows, rowBase, rowStride, packedB, bBase, work.edge, 0, COLUMNS);
                }
                if (full) {
                    MicroKernel.addTile(work.edge, c, cTile, cRowStride);
                } else {
                    copyEdge(work.edge, height, width, c, cTile, cRowStride, cColStride, add);
                }
            }
        }
    }

    /** Copies the valid part of a tile computed into the edge buffer out to C. */
    private static void copyEdge(float[] edge, int height, int width, float[] c, int cBase,
                                 int cRowStride, int cColStride, boolean add) {
        for (int r = 0; r < height; r++) {
            int source = r * COLUMNS;
            for (int j = 0, target = cBase + r * cRowStride; j < width; j++, target += cColStride) {
                c[target] = add ? c[target] + edge[source + j] : edge[source + j];
            }
        }
    }

    /** One thread's packing buffers, reused across calls so a product allocates nothing. */
    private static final class Workspace {
        final float[] packedB = new float[NC * KC];
        final float[] edge = new float[ROWS * COLUMNS];
        private float[] packedA = new float[0];
        private float[] rowsA = new float[0];

        /** The packed A block, for {@code size} floats and a vector of slack (see GemmPacking#packA). */
        float[] packedA(int size) {
            if (packedA.length < size + MicroKernel.LANES) {
                packedA = new float[size + MicroKernel.LANES];
            }
            return packedA;
        }

        /** The row-major copy of A, for {@code rows} rows {@code ld} apart and ROWS more, as the last sliver reads them. */
        float[] rowsA(int rows, int ld) {
            int size = (rows + ROWS) * ld;
            if (rowsA.length < size) {
                rowsA = new float[size];
            }
            return rowsA;
        }
    }
}
