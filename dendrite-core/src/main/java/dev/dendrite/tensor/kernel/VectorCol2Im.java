package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Im2Col#col2im} at stride 1 on the Vector API, turned around: instead of adding each
 * column row's short runs onto the image (11 floats at a time for a 13x13 image, each add a load
 * and a store of the image), each image row is summed in a register from every window tap that
 * read it, a masked load per tap, and stored once. The reference CNN's second layer: 1.6 ms per
 * batch of 64 on one thread the first way.
 *
 * <p>Same bits as the scalar loop: an image element receives its taps' values in the same order,
 * window row then window column, and a lane whose tap did not read that element adds +0, which
 * leaves any sum of those values unchanged (only a -0 would change, and sums that start from the
 * zeros the contract asks for never are). Loaded only when {@link VectorSupport#available()}.
 */
final class VectorCol2Im {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorCol2Im() {
    }

    /** As {@link Im2Col#col2im}, for a geometry of stride 1. */
    static void col2im(float[] col, int rowStride, int colOffset, ConvGeometry g, float[] dx, int dxOffset) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int width = g.width();
        int outWidth = g.outWidth();
        int chunks = (width + LANES - 1) / LANES;
        float[] taps = tapLanes(g, chunks);
        for (int c = 0; c < g.channels(); c++) {
            for (int ih = 0; ih < g.height(); ih++) {
                int image = dxOffset + (c * g.height() + ih) * width;
                for (int chunk = 0; chunk < chunks; chunk++) {
                    int iw = chunk * LANES;
                    VectorMask<Float> row = SPECIES.indexInRange(iw, width);
                    FloatVector sum = load(dx, image + iw, row);
                    for (int i = 0; i < kh; i++) {
                        int oh = ih + g.padTop() - i * g.dilation();
                        if (oh < 0 || oh >= g.outHeight()) {
                            continue;
                        }
                        for (int j = 0; j < kw; j++) {
                            // Output column ow = iw + shift reads image column iw through tap (i, j).
                            int shift = g.padLeft() - j * g.dilation();
                            int start = colOffset + ((c * kh + i) * kw + j) * rowStride + oh * outWidth + iw + shift;
                            VectorMask<Float> lanes = FloatVector.fromArray(SPECIES, taps, (j * chunks + chunk) * LANES)
                                    .compare(VectorOperators.GT, 0f);
                            sum = sum.add(load(col, start, lanes));
                        }
                    }
                    store(sum, dx, image + iw, row);
                }
            }
        }
    }

    /**
     * 1 for the lanes of each image row chunk that window column j reads, 0 for the others, at
     * {@code (j·chunks + chunk)·LANES}: the masks come from a compare in a register, since masks
     * kept in an array, or made with two bounds, were built lane by lane in plain Java.
     */
    private static float[] tapLanes(ConvGeometry g, int chunks) {
        float[] taps = new float[g.kernelWidth() * chunks * LANES];
        for (int j = 0; j < g.kernelWidth(); j++) {
            int shift = g.padLeft() - j * g.dilation();
            for (int chunk = 0; chunk < chunks; chunk++) {
                for (int lane = 0; lane < LANES; lane++) {
                    int iw = chunk * LANES + lane;
                    boolean read = iw < g.width() && iw + shift >= 0 && iw + shift < g.outWidth();
                    taps[(j * chunks + chunk) * LANES + lane] = read ? 1f : 0f;
                }
            }
        }
        return taps;
    }

    /** The lanes of {@code array} from {@code start} under {@code mask}, zeros elsewhere. */
    private static FloatVector load(float[] array, int start, VectorMask<Float> mask) {
        if (start >= 0 && start + LANES <= array.length) {
            return FloatVector.fromArray(SPECIES, array, start, mask);
        }
        // Near either end of the array: a masked access reaching past it is checked lane by lane.
        float[] lanes = new float[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            if (mask.laneIsSet(lane)) {
                lanes[lane] = array[start + lane];
            }
        }
        return FloatVector.fromArray(SPECIES, lanes, 0);
    }

    private static void store(FloatVector v, float[] array, int start, VectorMask<Float> mask) {
        if (start + LANES <= array.length) {
            v.intoArray(array, start, mask);
            return;
        }
        for (int lane = 0; lane < LANES; lane++) {
            if (mask.laneIsSet(lane)) {
                array[start + lane] = v.lane(lane);
            }
        }
    }
}
