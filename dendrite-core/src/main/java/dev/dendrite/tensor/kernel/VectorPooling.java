package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over 2×2 windows at stride 2 without padding (every CNN's pooling) on the Vector API,
 * with the results of {@link Pooling#maxForward}: the same maxima and the same argmax, the first
 * maximum in row-major window order, a NaN winning.
 *
 * <p>The scalar window loop spent most of its time on mispredicted branches: which of four inputs
 * wins is as good as random. Here no branch depends on the data. A window's four inputs
 * {@code a b / c d} are reduced as {@code (a|b)} against {@code (c|d)}, each pair keeping its left
 * input unless the right one is larger (or a NaN against a number), which picks the same input as
 * a row-major scan. Step one takes the horizontal pairs of each input row, its columns split into
 * even and odd lanes by a two-vector shuffle; step two takes the vertical pairs, a row of outputs
 * per vector. Both write into per-thread buffers padded by a vector, for a group of planes small
 * enough to stay in the first-level cache, so no load or store is masked or reaches past an
 * array. Loaded only when {@link VectorSupport#available()}.
 */
final class VectorPooling {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** Lane i takes lane 2i of the two vectors read one after the other (indices ≥ LANES: the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(FLOATS, i -> wrap(2 * i));
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(FLOATS, i -> wrap(2 * i + 1));
    private static final IntVector TWICE_IOTA = IntVector.zero(INTS).addIndex(2);
    /** Input floats per group of planes: a group's pair buffers stay in the first-level cache. */
    private static final int GROUP_INPUTS = 4096;
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private VectorPooling() {
    }

    /** Whether {@link #max2x2} computes {@code g}: 2×2 windows, stride 2, no padding or dilation. */
    static boolean handles(ConvGeometry g) {
        return INTS.length() == LANES && g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.stride() == 2
                && g.dilation() == 1 && g.padTop() == 0 && g.padLeft() == 0;
    }

    /** {@link Pooling#maxForward} of planes {@code [from, to)} for a geometry that {@link #handles}. */
    static void max2x2(float[] x, int from, int to, ConvGeometry g, float[] y, int[] argmax) {
        int inPlane = g.height() * g.width();
        int group = Math.max(1, GROUP_INPUTS / inPlane);
        Buffers buffers = BUFFERS.get();
        for (int first = from; first < to; first += group) {
            int count = Math.min(group, to - first);
            buffers.ensure(count * g.height() * (g.width() / 2), count * g.outPlane());
            horizontalPairs(x, first * inPlane, count * g.height(), g.width(), buffers);
            verticalPairs(count, g, buffers);
            System.arraycopy(buffers.best, 0, y, first * g.outPlane(), count * g.outPlane());
            System.arraycopy(buffers.bestIndex, 0, argmax, first * g.outPlane(), count * g.outPlane());
        }
    }

    /**
     * For each of the {@code rows} input rows from {@code x[start]}: the larger of each pair of
     * columns and its index, counted from {@code start}, written as rows of {@code width / 2} pairs
     * (an odd width's last column belongs to no window). A row's last vector may cover the next
     * row's first pairs; the next row overwrites them.
     */
    private static void horizontalPairs(float[] x, int start, int rows, int width, Buffers buffers) {
        int pairRow = width / 2;
        for (int r = 0; r < rows; r++) {
            int rowStart = start + r * width;
            for (int c = 0; c < pairRow; c += LANES) {
                int in = rowStart + 2 * c;
                int out = r * pairRow + c;
                if (in + 2 * LANES > x.length) { // the end of the batch: no vector reads past it
                    scalarPairs(x, in, Math.min(LANES, pairRow - c), in - start, buffers, out);
                    continue;
                }
                FloatVector low = FloatVector.fromArray(FLOATS, x, in);
                FloatVector high = FloatVector.fromArray(FLOATS, x, in + LANES);
                FloatVector left = low.rearrange(EVEN, high);
                FloatVector right = low.rearrange(ODD, high);
                VectorMask<Float> takeRight = wins(right, left);
                left.blend(right, takeRight).intoArray(buffers.pairMax, out);
                TWICE_IOTA.add(in - start).add(1, takeRight.cast(INTS)).intoArray(buffers.pairIndex, out);
            }
        }
    }

    private static void scalarPairs(float[] x, int in, int pairs, int index, Buffers buffers, int out) {
        for (int t = 0; t < pairs; t++) {
            float left = x[in + 2 * t];
            float right = x[in + 2 * t + 1];
            boolean takeRight = right > left || (right != right && left == left);
            buffers.pairMax[out + t] = takeRight ? right : left;
            buffers.pairIndex[out + t] = index + 2 * t + (takeRight ? 1 : 0);
        }
    }

    /** Each output from the pairs of its window's two rows, written to the buffers' {@code best} arrays. */
    private static void verticalPairs(int planes, ConvGeometry g, Buffers buffers) {
        int outWidth = g.outWidth();
        int inPlane = g.height() * g.width();
        int pairRow = g.width() / 2;
        for (int plane = 0; plane < planes; plane++) {
            // Indices so far count from the group's first plane; the argmax counts from its own.
            IntVector planeStart = IntVector.broadcast(INTS, plane * inPlane);
            int pairsStart = plane * g.height() * pairRow;
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int top = pairsStart + 2 * oh * pairRow;
                int bottom = top + pairRow;
                int out = (plane * g.outHeight() + oh) * outWidth;
                // The last vector of a row may run into the next row: its extra lanes are written
                // first and overwritten by the next row's, or land in the buffer's padding.
                for (int ow = 0; ow < outWidth; ow += LANES) {
                    FloatVector upper = FloatVector.fromArray(FLOATS, buffers.pairMax, top + ow);
                    FloatVector lower = FloatVector.fromArray(FLOATS, buffers.pairMax, bottom + ow);
                    VectorMask<Float> takeLower = wins(lower, upper);
                    upper.blend(lower, takeLower).intoArray(buffers.best, out + ow);
                    IntVector upperIndex = IntVector.fromArray(INTS, buffers.pairIndex, top + ow);
                    IntVector lowerIndex = IntVector.fromArray(INTS, buffers.pairIndex, bottom + ow);
                    upperIndex.blend(lowerIndex, takeLower.cast(INTS)).sub(planeStart)
                            .intoArray(buffers.bestIndex, out + ow);
                }
            }
        }
    }

    /** Lanes where {@code challenger} replaces {@code holder}: larger, or a NaN against a number. */
    private static VectorMask<Float> wins(FloatVector challenger, FloatVector holder) {
        VectorMask<Float> challengerNaN = challenger.test(VectorOperators.IS_NAN);
        VectorMask<Float> holderNaN = holder.test(VectorOperators.IS_NAN);
        return challenger.compare(VectorOperators.GT, holder).or(challengerNaN.andNot(holderNaN));
    }

    /** A shuffle index into two vectors: {@code i - LANES} (exceptional, so the second) past the first. */
    private static int wrap(int i) {
        return i < LANES ? i : i - 2 * LANES;
    }

    /** One thread's pair and output buffers, each a vector longer than its contents. */
    private static final class Buffers {
        float[] pairMax = new float[0];
        int[] pairIndex = new int[0];
        float[] best = new float[0];
        int[] bestIndex = new int[0];

        void ensure(int pairs, int outputs) {
            if (pairMax.length < pairs + LANES) {
                pairMax = new float[pairs + LANES];
                pairIndex = new int[pairs + LANES];
            }
            if (best.length < outputs + LANES) {
                best = new float[outputs + LANES];
                bestIndex = new int[outputs + LANES];
            }
        }
    }
}
