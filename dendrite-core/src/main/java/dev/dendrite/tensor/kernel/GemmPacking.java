package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of the GEMM operands into the contiguous, zero-padded slivers the micro-kernel
 * streams through. Element {@code (i, p)} of op(A) lives at {@code a[base + i·rowStride + p·colStride]},
 * so a transposed operand is just a swap of its strides: the transpose happens here, while
 * copying, and is never materialised.
 *
 * <p>Layouts, for a block of {@code kc} steps of k:
 * <ul>
 *   <li>A: slivers of {@code rows} rows; sliver s holds, for each step p, its {@code rows} values
 *       {@code A[s·rows + r][p]} one after the other ({@code rows·kc} floats per sliver).</li>
 *   <li>B: slivers of {@code columns} columns; sliver s holds, for each step p, the row segment
 *       {@code B[p][s·columns .. s·columns + columns)} ({@code columns·kc} floats per sliver).</li>
 * </ul>
 * Rows or columns beyond the matrix edge are filled with zeros, so the kernel always computes a
 * full tile. Stateless.
 */
final class GemmPacking {
    private static final VectorSpecies<Float> SPECIES = MicroKernel.SPECIES;
    private static final int LANES = MicroKernel.LANES;

    private GemmPacking() {
    }

    /**
     * Packs the {@code mc x kc} block of op(A) starting at {@code base} into {@code packed}, which
     * needs {@code LANES} floats of slack after the last sliver: full slivers are written a whole
     * vector at a time, and the lanes past a step's {@code rows} values are overwritten by the next.
     */
    static void packA(int mc, int kc, float[] a, int base, int rowStride, int colStride,
                      float[] packed, int rows) {
        for (int i0 = 0, s = 0; i0 < mc; i0 += rows, s += rows * kc) {
            int height = Math.min(rows, mc - i0);
            int source = base + i0 * rowStride;
            boolean full = height == rows;
            if (full && rowStride == 1 && source + (kc - 1) * colStride + LANES <= a.length) {
                // Aᵀ stored row-major: a sliver's values for one step are adjacent.
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(SPECIES, a, source + p * colStride).intoArray(packed, s + p * rows);
                }
            } else {
                // Not gathers: Vector API gathers sometimes kept C2 from ever compiling this method
                // (JDK 25), leaving it in the interpreter's boxed-vector path 20 times slower.
                packScalar(kc, height, a, source, rowStride, colStride, packed, s, rows);
            }
        }
    }

    /**
     * Packs the {@code kc x nc} block of op(B) starting at {@code base} into {@code packed}.
     * Full slivers of a row-major B move as two vectors per step.
     */
    static void packB(int kc, int nc, float[] b, int base, int rowStride, int colStride,
                      float[] packed, int columns) {
        for (int j0 = 0, s = 0; j0 < nc; j0 += columns, s += columns * kc) {
            int width = Math.min(columns, nc - j0);
            int source = base + j0 * colStride;
            if (width == columns && colStride == 1) {
                for (int p = 0; p < kc; p++) {
                    int from = source + p * rowStride;
                    FloatVector.fromArray(SPECIES, b, from).intoArray(packed, s + p * columns);
                    FloatVector.fromArray(SPECIES, b, from + LANES).intoArray(packed, s + p * columns + LANES);
                }
            } else {
                // A sliver of B is a sliver of Bᵀ packed like A: columns play the part of rows.
                packScalar(kc, width, b, source, colStride, rowStride, packed, s, columns);
            }
        }
    }

    /**
     * Element by element, reading along p (contiguous for row-major A and for a stored Bᵀ):
     * {@code packed[target + p·width + r] = x[source + r·rStride + p·pStride]} for r below
     * {@code count}, zero for the padding up to {@code width}. Also the transposing copy behind
     * {@link #packRows} and ThinGemm's packing of a transposed B.
     */
    static void packScalar(int kc, int count, float[] x, int source, int rStride, int pStride,
                                   float[] packed, int target, int width) {
        int r = 0;
        if (pStride == 1) {
            // Four rows at once: four read streams and four adjacent stores per step, against one
            // store every 12 or 32 floats. A 128x128x256 product with a row-major A ran 74 -> 59 us.
            for (; r + 4 <= count; r += 4) {
                int from = source + r * rStride;
                for (int p = 0, to = target + r; p < kc; p++, to += width) {
                    packed[to] = x[from + p];
                    packed[to + 1] = x[from + rStride + p];
                    packed[to + 2] = x[from + 2 * rStride + p];
                    packed[to + 3] = x[from + 3 * rStride + p];
                }
            }
        }
        for (; r < count; r++) {
            for (int p = 0, from = source + r * rStride, to = target + r; p < kc; p++, from += pStride, to += width) {
                packed[to] = x[from];
            }
        }
        for (int pad = count; pad < width; pad++) {
            for (int p = 0, to = target + pad; p < kc; p++, to += width) {
                packed[to] = 0f;
            }
        }
    }

    /**
     * Copies the {@code mc x kc} block of op(A) starting at {@code base} into {@code rows},
     * row-major with rows {@code ld} apart (the {@code ld - kc} floats after a row are not read):
     * one {@code arraycopy} per row for a row-major A; for a transposed A, {@link #packScalar}
     * reads four contiguous runs of the stored matrix at a time.
     */
    static void packRows(int mc, int kc, float[] a, int base, int rowStride, int colStride, float[] rows, int ld) {
        if (colStride == 1) {
            for (int i = 0; i < mc; i++) {
                System.arraycopy(a, base + i * rowStride, rows, i * ld, kc);
            }
            return;
        }
        // Column p of the copy is row p of the stored matrix: a sliver layout with rows for steps.
        packScalar(mc, kc, a, base, colStride, rowStride, rows, 0, ld);
    }
}
