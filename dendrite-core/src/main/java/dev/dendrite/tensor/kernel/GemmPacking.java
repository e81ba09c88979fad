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
 * full tile. The loops read the operand along its contiguous direction. Stateless.
 */
final class GemmPacking {
    private static final VectorSpecies<Float> SPECIES = MicroKernel.SPECIES;
    private static final int LANES = MicroKernel.LANES;
    private GemmPacking() {
    }

    /** Packs the {@code mc x kc} block of op(A) starting at {@code base} into {@code packed}. */
    static void packA(int mc, int kc, float[] a, int base, int rowStride, int colStride,
                      float[] packed, int rows) {
        for (int i0 = 0, s = 0; i0 < mc; i0 += rows, s += rows * kc) {
            int height = Math.min(rows, mc - i0);
            if (rowStride == 1) {
                for (int p = 0; p < kc; p++) {
                    int source = base + i0 + p * colStride;
                    int target = s + p * rows;
                    for (int r = 0; r < height; r++) {
                        packed[target + r] = a[source + r];
                    }
                    for (int r = height; r < rows; r++) {
                        packed[target + r] = 0f;
                    }
                }
            } else if (height == rows && colStride == 1) {
                packRowsAcross(kc, a, base + i0 * rowStride, rowStride, packed, s, rows);
            } else {
                for (int r = 0; r < height; r++) {
                    int source = base + (i0 + r) * rowStride;
                    for (int p = 0, target = s + r; p < kc; p++, target += rows) {
                        packed[target] = a[source + p * colStride];
                    }
                }
                for (int r = height; r < rows; r++) {
                    for (int p = 0, target = s + r; p < kc; p++, target += rows) {
                        packed[target] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs a full sliver of row-major A: each step reads one value from each of the sliver's rows
     * and writes them side by side, so the writes are contiguous and the reads are {@code rows}
     * sequential streams.
     */
    private static void packRowsAcross(int kc, float[] a, int source, int rowStride, float[] packed, int target, int rows) {
        int[] index = new int[LANES];
        for (int r = 0; r < LANES; r++) {
            index[r] = Math.min(r, rows - 1) * rowStride;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector.fromArray(SPECIES, a, source + p, index, 0).intoArray(packed, target + p * rows);
        }
    }

    /** Packs the {@code kc x nc} block of op(B) starting at {@code base} into {@code packed}. */
    static void packB(int kc, int nc, float[] b, int base, int rowStride, int colStride,
                      float[] packed, int columns) {
        for (int j0 = 0, s = 0; j0 < nc; j0 += columns, s += columns * kc) {
            int width = Math.min(columns, nc - j0);
            if (colStride == 1) {
                for (int p = 0; p < kc; p++) {
                    int target = s + p * columns;
                    int source = base + p * rowStride + j0;
                    if (width == columns) {
                        // Two vector moves: much cheaper than an arraycopy call for 32 floats.
                        FloatVector.fromArray(SPECIES, b, source).intoArray(packed, target);
                        FloatVector.fromArray(SPECIES, b, source + LANES).intoArray(packed, target + LANES);
                    } else {
                        System.arraycopy(b, source, packed, target, width);
                        java.util.Arrays.fill(packed, target + width, target + columns, 0f);
                    }
                }
            } else {
                for (int j = 0; j < width; j++) {
                    int source = base + (j0 + j) * colStride;
                    for (int p = 0, target = s + j; p < kc; p++, target += columns) {
                        packed[target] = b[source + p * rowStride];
                    }
                }
                for (int j = width; j < columns; j++) {
                    for (int p = 0, target = s + j; p < kc; p++, target += columns) {
                        packed[target] = 0f;
                    }
                }
            }
        }
    }
}
