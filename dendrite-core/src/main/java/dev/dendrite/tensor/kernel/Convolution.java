package dev.dendrite.tensor.kernel;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) of NCHW batches, and
 * its two gradients, as matrix products over the batch's column matrix ({@link Im2Col}).
 *
 * <p>With {@code K = C·kh·kw} rows per image column block, P pixels per output plane and O output
 * channels, for the whole batch at once:
 * <pre>
 *   col    = im2col(x)                      [K, N·P]
 *   y'     = W · col                        [O, N·P]   then transposed to NCHW, plus bias
 *   dW     = dy' · colᵀ                     [O, K]     (dy' is dy in channel-major order)
 *   dx     = col2im(Wᵀ · dy')               [N, C, H, W]
 *   db     = Σ_{n,p} dy
 * </pre>
 * Each product is one call of {@link Gemm#multiply}, which splits it over the kernel threads and
 * computes every element in a fixed order of k; the column and layout passes split over images.
 * So results are the same bits for any thread count. One product per batch rather than per image
 * keeps the matrices large enough for the GEMM's blocking and threads.
 *
 * <p>Stateless and thread-safe; the caller owns every array.
 */
public final class Convolution {
    private Convolution() {
    }

    /** The column matrix {@code [K, N·P]} of a batch of {@code batch} images. */
    public static float[] columns(float[] x, int batch, ConvGeometry g) {
        return columns(x, 0, batch, g, null);
    }

    /**
     * As {@link #columns(float[], int, ConvGeometry)}, written into the start of {@code reuse} when it
     * is long enough (every element of the matrix is written, so its old contents do not matter),
     * else into a new array.
     */
    public static float[] columns(float[] x, int batch, ConvGeometry g, float[] reuse) {
        return columns(x, 0, batch, g, reuse);
    }

    /** The column matrix {@code [K, N·P]} of the {@code batch} images starting at {@code x[xOffset]}. */
    static float[] columns(float[] x, int xOffset, int batch, ConvGeometry g, float[] reuse) {
        int rowStride = batch * g.outPlane();
        int length = g.columnRows() * rowStride;
        float[] col = reuse != null && reuse.length >= length ? reuse : new float[length];
        long work = (long) g.columnRows() * g.outPlane();
        Parallel.forEach(batch, work, (from, to) -> {
            for (int n = from; n < to; n++) {
                Im2Col.im2col(x, xOffset + n * g.inputSize(), g, col, rowStride, n * g.outPlane());
            }
        });
        return col;
    }

    /**
     * The convolution of a batch from its column matrix: {@code y[n, o] = W[o] · col_n + bias[o]}.
     *
     * @param col    {@link #columns} of the batch
     * @param weight {@code [outChannels, K]} (the layer's {@code [out, in, kh, kw]} read flat)
     * @param bias   {@code [outChannels]}, or null for none
     * @return the output {@code [batch, outChannels, outHeight, outWidth]}
     */
    public static float[] forward(float[] col, int batch, ConvGeometry g, float[] weight, int outChannels,
                                  float[] bias) {
        float[] y = new float[batch * outChannels * g.outPlane()];
        forward(col, batch, g, weight, outChannels, bias, y, 0);
        return y;
    }

    /** As {@link #forward(float[], int, ConvGeometry, float[], int, float[])}, writing into {@code y} from {@code yOffset}. */
    public static void forward(float[] col, int batch, ConvGeometry g, float[] weight, int outChannels, float[] bias,
                               float[] y, int yOffset) {
        int columns = batch * g.outPlane();
        float[] channelMajor = Scratch.floats(Scratch.CONV_OUTPUT, outChannels * columns);
        Gemm.multiply(outChannels, columns, g.columnRows(), weight, 0, false, col, 0, false, channelMajor, 0, false);
        fromChannelMajor(channelMajor, batch, outChannels, g.outPlane(), bias, y, yOffset);
    }

    /**
     * The convolution of a batch computed a group of images at a time, so that no column matrix
     * holds more than about {@code columnBudget} values: for inference on large batches, where
     * nothing is kept for backward. Every output element is computed as in the one-product form
     * (the GEMM's order of k does not depend on the number of columns), so the results are the same.
     */
    public static float[] forwardInGroups(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels,
                                          float[] bias, long columnBudget) {
        float[] y = new float[batch * outChannels * g.outPlane()];
        long perImage = (long) g.columnRows() * g.outPlane();
        int group = (int) Math.max(1, Math.min(batch, columnBudget / perImage));
        float[] col = Scratch.floats(Scratch.CONV_COLUMNS, g.columnRows() * group * g.outPlane());
        for (int first = 0; first < batch; first += group) {
            int count = Math.min(group, batch - first);
            forward(columns(x, first * g.inputSize(), count, g, col), count, g, weight, outChannels, bias, y,
                    first * outChannels * g.outPlane());
        }
        return y;
    }

    /**
     * Rearranges NCHW {@code y} into channel-major {@code [C, N·P]}, the order of the products'
     * output: {@code out[c, n·P + p] = y[n, c, p]}.
     */
    public static float[] toChannelMajor(float[] y, int batch, int channels, int plane) {
        return toChannelMajor(y, batch, channels, plane, new float[y.length]);
    }

    /**
     * As {@link #toChannelMajor(float[], int, int, int)}, into this thread's scratch array for output
     * gradients: valid until the next call on this thread, for a backward pass that uses it and
     * drops it.
     */
    public static float[] gradientToChannelMajor(float[] dy, int batch, int channels, int plane) {
        return toChannelMajor(dy, batch, channels, plane, Scratch.floats(Scratch.CONV_OUTPUT_GRADIENT, dy.length));
    }

    private static float[] toChannelMajor(float[] y, int batch, int channels, int plane, float[] out) {
        Parallel.forEach(batch, (long) channels * plane, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(y, (n * channels + c) * plane, out, (c * batch + n) * plane, plane);
                }
            }
        });
        return out;
    }

    /** The inverse of {@link #toChannelMajor}, adding {@code bias[c]} (when not null) to channel c. */
    static void fromChannelMajor(float[] channelMajor, int batch, int channels, int plane, float[] bias, float[] y,
                                 int yOffset) {
        Parallel.forEach(batch, (long) channels * plane, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int c = 0; c < channels; c++) {
                    int source = (c * batch + n) * plane;
                    int target = yOffset + (n * channels + c) * plane;
                    if (bias == null) {
                        System.arraycopy(channelMajor, source, y, target, plane);
                        continue;
                    }
                    float b = bias[c];
                    for (int p = 0; p < plane; p++) {
                        y[target + p] = channelMajor[source + p] + b;
                    }
                }
            }
        });
    }

    /**
     * Most parts the weight gradient's sum over the batch is cut into. The count depends only on
     * the batch, never on the thread count, so the bits do not either.
     */
    static final int WEIGHT_GRADIENT_PARTS = 8;

    /**
     * The weight gradient {@code dW = dy' · colᵀ}, written into {@code gradWeight} ({@code [O, K]}),
     * or added to it when {@code accumulate}.
     *
     * <p>The product is thin ({@code O x K}) and its inner dimension is the whole batch's pixels,
     * so it is not split by rows or columns of C, which gave the first convolution's 32 x 9 one
     * thread and the second's 64 x 288 an uneven four-to-five split. Instead the batch is cut into
     * up to {@link #WEIGHT_GRADIENT_PARTS} groups of images, each group's product is computed whole
     * by one thread, and the parts are added in order.
     *
     * @param gradChannelMajor the output gradient in channel-major order ({@link #toChannelMajor})
     */
    public static void weightGradient(float[] gradChannelMajor, float[] col, int batch, ConvGeometry g,
                                      int outChannels, float[] gradWeight, boolean accumulate) {
        int columns = batch * g.outPlane();
        int parts = Math.min(batch, WEIGHT_GRADIENT_PARTS);
        if (parts == 1 || !VectorSupport.available()) {
            Gemm.multiply(outChannels, g.columnRows(), columns, gradChannelMajor, 0, false, col, 0, true,
                    gradWeight, 0, accumulate);
            return;
        }
        int size = outChannels * g.columnRows();
        float[] partial = Scratch.floats(Scratch.WEIGHT_GRADIENT_PARTS, parts * size);
        long workPerPart = (long) size * columns / parts;
        Parallel.forEach(parts, workPerPart, (from, to) -> {
            for (int part = from; part < to; part++) {
                int first = (int) ((long) batch * part / parts) * g.outPlane();
                int end = (int) ((long) batch * (part + 1) / parts) * g.outPlane();
                // op(A) = dy' columns [first, end); op(B)[p][j] = col[j][first + p].
                VectorGemm.multiply(1, outChannels, g.columnRows(), end - first,
                        gradChannelMajor, first, columns, 1, col, first, 1, columns,
                        partial, part * size, g.columnRows(), false);
            }
        });
        Parallel.forEach(size, parts, (from, to) -> {
            for (int i = from; i < to; i++) {
                float sum = partial[i];
                for (int part = 1; part < parts; part++) {
                    sum += partial[part * size + i];
                }
                gradWeight[i] = accumulate ? gradWeight[i] + sum : sum;
            }
        });
    }

    /**
     * The input gradient {@code dx = col2im(Wᵀ · dy')}, {@code [batch, C, H, W]}.
     *
     * @param gradChannelMajor the output gradient in channel-major order ({@link #toChannelMajor})
     */
    public static float[] inputGradient(float[] gradChannelMajor, float[] weight, int batch, ConvGeometry g,
                                        int outChannels) {
        int columns = batch * g.outPlane();
        float[] gradCol = Scratch.floats(Scratch.CONV_COLUMN_GRADIENT, g.columnRows() * columns);
        Gemm.multiply(g.columnRows(), columns, outChannels, weight, 0, true, gradChannelMajor, 0, false,
                gradCol, 0, false);
        float[] dx = new float[batch * g.inputSize()];
        long work = (long) g.columnRows() * g.outPlane();
        Parallel.forEach(batch, work, (from, to) -> {
            for (int n = from; n < to; n++) {
                Im2Col.col2im(gradCol, columns, n * g.outPlane(), g, dx, n * g.inputSize());
            }
        });
        return dx;
    }

    /**
     * The bias gradient: the sum of each channel's row of the channel-major output gradient. Eight
     * float partial sums (element p into sum p mod 8, which the JIT keeps in one vector) are added
     * in double at the end; the order is fixed, so the result is too. Channels split over the kernel
     * threads, each summed whole by one.
     */
    public static void biasGradient(float[] gradChannelMajor, int channels, int columns, float[] gradBias) {
        Parallel.forEach(channels, columns, (from, to) -> {
            float[] partial = new float[8];
            for (int c = from; c < to; c++) {
                java.util.Arrays.fill(partial, 0f);
                int row = c * columns;
                int body = columns & ~7;
                for (int p = 0; p < body; p += 8) {
                    for (int q = 0; q < 8; q++) {
                        partial[q] += gradChannelMajor[row + p + q];
                    }
                }
                for (int p = body; p < columns; p++) {
                    partial[p - body] += gradChannelMajor[row + p];
                }
                double sum = 0;
                for (float value : partial) {
                    sum += value;
                }
                gradBias[c] = (float) sum;
            }
        });
    }
}
