package dev.dendrite.tensor.kernel;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) of NCHW batches, and
 * its gradients, as matrix products over column matrices ({@link Im2Col}), a group of images at
 * a time.
 *
 * <p>With {@code K = C·kh·kw} rows per column matrix, P pixels per output plane and O output
 * channels, for the images of one group side by side:
 * <pre>
 *   col    = im2col(x_group)                [K, G·P]
 *   y'     = W · col                        [O, G·P]   then laid out as NCHW, plus bias
 *   dW    += dy' · colᵀ                     [O, K]     (dy' is the group's dy, channel-major)
 *   dx     = col2im(Wᵀ · dy')               [G, C, H, W]
 *   db    += Σ_p dy'
 * </pre>
 *
 * <p>Why groups: a column matrix is K times the input (9 MB per batch of 64 for the reference
 * CNN's second layer), and building it for the whole batch, multiplying it, and gathering its
 * gradient back streamed it through memory three times, which on our 2-core VMs took longer than
 * the arithmetic. A group's matrices ({@link #GROUP_FLOATS}) stay in the core's L2 cache from
 * im2col to product to col2im, and backward builds the columns again instead of keeping them.
 *
 * <p>Groups split over the kernel threads, each group computed whole by one thread with
 * single-threaded products; groups differ in size by at most one image, so threads share evenly.
 * The weight gradient's sum over groups is cut into at most {@link #WEIGHT_GRADIENT_PARTS} fixed
 * runs of groups, each run summed in order by one thread, and the runs are added in order; the
 * bias gradient adds the groups' sums in order. Groups and runs depend on the geometry and batch
 * only, so results are the same bits for any thread count.
 *
 * <p>Fused forms: the output can go through ReLU as it is written ({@code forward(..., true)}), and
 * be max-pooled group by group ({@link #forwardPooled}), so a convolution followed by ReLU and
 * pooling writes only the pooled output; their backward builds each group's output gradient from
 * the ReLU output or the pooled gradient and argmax. Each gives the same bits as the separate
 * kernels ({@link ActivationKernels}, {@link Pooling}) around a plain convolution.
 *
 * <p>Stateless and thread-safe; the caller owns every array.
 */
public final class Convolution {
    /** Most floats of one group's matrices: 512 KB, so they stay in L2 (1 MB per core on Zen 5). */
    static final long GROUP_FLOATS = 1L << 17;
    /** Most runs the weight gradient's sum over groups is cut into. */
    static final int WEIGHT_GRADIENT_PARTS = 8;

    private Convolution() {
    }

    /**
     * How many groups a batch is cut into: enough that no group's column matrix, nor its product
     * or output gradient (the first layer's 32 channels outweigh its 9 column rows), holds more
     * than {@link #GROUP_FLOATS}.
     */
    static int groupCount(ConvGeometry g, int outChannels, int batch) {
        long perImage = Math.max(1, (long) Math.max(g.columnRows(), outChannels) * g.outPlane());
        long most = Math.max(1, GROUP_FLOATS / perImage);
        return (int) Math.max(1, (batch + most - 1) / most);
    }

    /** Images in the largest of {@code groups} groups, what each thread's group arrays must hold. */
    private static int largestGroup(int groups, int batch) {
        return (batch + groups - 1) / groups;
    }

    /**
     * The first image of group {@code index} of {@code groups}: sizes differ by at most one, so
     * threads share evenly.
     */
    static int groupStart(int index, int groups, int batch) {
        return (int) ((long) batch * index / groups);
    }

    /**
     * The convolution {@code y[n, o] = W[o] · col_n + bias[o]}.
     *
     * @param x      the input {@code [batch, C, H, W]}
     * @param weight {@code [outChannels, K]} (the layer's {@code [out, in, kh, kw]} read flat)
     * @param bias   {@code [outChannels]}, or null for none
     * @return the output {@code [batch, outChannels, outHeight, outWidth]}
     */
    public static float[] forward(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels,
                                  float[] bias) {
        return forward(x, batch, g, weight, outChannels, bias, false);
    }

    /**
     * As {@link #forward(float[], int, ConvGeometry, float[], int, float[])}, with ReLU applied as
     * the output is written when {@code relu} is set: {@code max(0, y)}, the same bits as
     * {@link ActivationKernels#relu} on the plain output, without another pass over it.
     */
    public static float[] forward(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels,
                                  float[] bias, boolean relu) {
        float[] y = new float[batch * outChannels * g.outPlane()];
        forward(x, batch, g, weight, outChannels, bias, relu, null, y, null);
        return y;
    }

    /**
     * The convolution (through ReLU when {@code relu} is set) max-pooled with {@code pool}, whose
     * input is one plane of the convolution's output ({@code pool.channels() == 1}), into
     * {@code pooled [batch, outChannels, pool.outHeight(), pool.outWidth()]}, each output's argmax
     * in {@code argmax} as {@link Pooling#maxForward} records it: the same bits as pooling
     * {@code forward(..., relu)}, but each group's output is pooled while it is still in the cache,
     * and the batch's whole output (4 times the pooled one for 2x2 windows) is never written.
     */
    public static void forwardPooled(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels,
                                     float[] bias, boolean relu, ConvGeometry pool, float[] pooled, int[] argmax) {
        checkPool(g, pool);
        forward(x, batch, g, weight, outChannels, bias, relu, pool, pooled, argmax);
    }

    private static void checkPool(ConvGeometry g, ConvGeometry pool) {
        if (pool.channels() != 1 || pool.height() != g.outHeight() || pool.width() != g.outWidth()) {
            throw new IllegalArgumentException("Convolution: expected pooling over one " + g.outHeight() + "x"
                    + g.outWidth() + " output plane, got " + pool);
        }
    }

    /** Into {@code y}: the NCHW output when {@code pool} is null, else the pooled output and its argmax. */
    private static void forward(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels, float[] bias,
                                boolean relu, ConvGeometry pool, float[] y, int[] argmax) {
        int plane = g.outPlane();
        int groups = groupCount(g, outChannels, batch);
        int group = largestGroup(groups, batch);
        long work = (long) group * plane * g.columnRows() * outChannels;
        Parallel.forEach(groups, work, (from, to) -> {
            float[] col = Scratch.floats(Scratch.CONV_COLUMNS, g.columnRows() * group * plane);
            float[] product = Scratch.floats(Scratch.CONV_OUTPUT, outChannels * group * plane);
            for (int gi = from; gi < to; gi++) {
                int first = groupStart(gi, groups, batch);
                int count = groupStart(gi + 1, groups, batch) - first;
                columns(x, first, count, g, col);
                Gemm.multiplyOnThisThread(outChannels, count * plane, g.columnRows(), weight, 0, false, col, 0,
                        false, product, 0, false);
                if (pool == null) {
                    writeOutput(product, first, count, plane, outChannels, bias, relu, y);
                } else {
                    writePooled(product, first, count, plane, outChannels, bias, relu, pool, y, argmax);
                }
            }
        });
    }

    /** A group's product {@code [O, count·P]} plus bias (through ReLU) into its images of NCHW {@code y}. */
    private static void writeOutput(float[] product, int first, int count, int plane, int outChannels, float[] bias,
                                    boolean relu, float[] y) {
        int columns = count * plane;
        for (int n = 0; n < count; n++) {
            for (int o = 0; o < outChannels; o++) {
                addBias(product, o * columns + n * plane, bias == null ? 0f : bias[o], y,
                        ((first + n) * outChannels + o) * plane, plane, relu);
            }
        }
    }

    /**
     * A group's product plus bias (through ReLU), max-pooled, into its images of {@code pooled} and
     * {@code argmax}. The product's planes lie one after another ({@code (o·count + n)·P}), so they
     * are pooled in one call and then moved to their NCHW places.
     */
    private static void writePooled(float[] product, int first, int count, int plane, int outChannels, float[] bias,
                                     boolean relu, ConvGeometry pool, float[] pooled, int[] argmax) {
        int columns = count * plane;
        for (int o = 0; o < outChannels; o++) {
            addBias(product, o * columns, bias == null ? 0f : bias[o], product, o * columns, columns, relu);
        }
        int pooledPlane = pool.outPlane();
        float[] best = Scratch.floats(Scratch.CONV_POOLED, outChannels * count * pooledPlane);
        int[] bestIndex = Scratch.ints(Scratch.CONV_POOLED_ARGMAX, outChannels * count * pooledPlane);
        Pooling.maxPlanes(product, 0, outChannels * count, pool, best, bestIndex);
        for (int n = 0; n < count; n++) {
            for (int o = 0; o < outChannels; o++) {
                int source = (o * count + n) * pooledPlane;
                int target = ((first + n) * outChannels + o) * pooledPlane;
                System.arraycopy(best, source, pooled, target, pooledPlane);
                System.arraycopy(bestIndex, source, argmax, target, pooledPlane);
            }
        }
    }

    /** {@code target[t + i] = source[s + i] + bias}, through ReLU when {@code relu} is set; may work in place. */
    private static void addBias(float[] source, int s, float bias, float[] target, int t, int length, boolean relu) {
        if (VectorSupport.available()) {
            VectorRows.addBias(source, s, bias, target, t, length, relu);
            return;
        }
        for (int i = 0; i < length; i++) {
            float value = source[s + i] + bias;
            target[t + i] = !relu || value > 0 ? value : 0f;
        }
    }

    /**
     * The gradients of {@link #forward}: any of {@code gradInput}, {@code gradWeight} and
     * {@code gradBias} may be null when not wanted.
     *
     * @param x          the input {@code [batch, C, H, W]}
     * @param gradOutput dy, {@code [batch, outChannels, outHeight, outWidth]}
     * @param gradInput  receives dx, {@code [batch, C, H, W]}; must hold zeros (col2im adds into it)
     * @param gradWeight receives dW, {@code [outChannels, K]}, written whole
     * @param gradBias   receives db, {@code [outChannels]}, written whole
     */
    public static void backward(float[] x, float[] gradOutput, int batch, ConvGeometry g, float[] weight,
                                int outChannels, float[] gradInput, float[] gradWeight, float[] gradBias) {
        backward(x, gradOutput, null, batch, g, weight, outChannels, gradInput, gradWeight, gradBias);
    }

    /**
     * The gradients of the convolution followed by ReLU, {@code reluOutput} being that forward's
     * output ({@code forward(..., true)}); null for a plain convolution. The incoming gradient is
     * multiplied by {@code reluOutput > 0 ? 1 : 0} as each group gathers it, the same bits as
     * {@link ActivationKernels#reluGradient} would give before a plain backward.
     */
    public static void backward(float[] x, float[] gradOutput, float[] reluOutput, int batch, ConvGeometry g,
                                float[] weight, int outChannels, float[] gradInput, float[] gradWeight,
                                float[] gradBias) {
        int plane = g.outPlane();
        backward(x, batch, g, weight, outChannels, gradInput, gradWeight, gradBias,
                (first, count, dyGroup) -> toChannelMajor(gradOutput, reluOutput, first, count, outChannels, plane,
                        dyGroup));
    }

    /**
     * The gradients of {@link #forwardPooled}, from the pooled output's gradient
     * {@code gradPooled}, the pooled output and its argmax: each group's output gradient is built
     * in the cache from them ({@code dy[argmax] += gradPooled}, then the ReLU mask), the same bits
     * as {@link Pooling#maxBackward} and {@link ActivationKernels#reluGradient} before a plain
     * backward. Arguments otherwise as {@link #backward(float[], float[], int, ConvGeometry, float[],
     * int, float[], float[], float[])}.
     */
    public static void backwardPooled(float[] x, float[] gradPooled, float[] pooled, int[] argmax, boolean relu,
                                      int batch, ConvGeometry g, ConvGeometry pool, float[] weight, int outChannels,
                                      float[] gradInput, float[] gradWeight, float[] gradBias) {
        checkPool(g, pool);
        backward(x, batch, g, weight, outChannels, gradInput, gradWeight, gradBias,
                (first, count, dyGroup) -> gatherPooled(gradPooled, pooled, argmax, relu, first, count, outChannels,
                        g.outPlane(), pool.outPlane(), dyGroup));
    }

    /** Writes the channel-major output gradient {@code [O, count·P]} of a group's images. */
    @FunctionalInterface
    private interface GradientGather {
        void group(int first, int count, float[] dyGroup);
    }

    private static void backward(float[] x, int batch, ConvGeometry g, float[] weight, int outChannels,
                                 float[] gradInput, float[] gradWeight, float[] gradBias, GradientGather gather) {
        int plane = g.outPlane();
        int rows = g.columnRows();
        int groups = groupCount(g, outChannels, batch);
        int group = largestGroup(groups, batch);
        int parts = Math.min(groups, WEIGHT_GRADIENT_PARTS);
        int size = rows * outChannels;
        // With more rows than output channels dWᵀ [K, O] is computed, so that the column matrix is
        // A and read in place; else dW [O, K], the thin product of the first layer of a network.
        boolean transposed = rows > outChannels;
        float[] partial = gradWeight == null ? null : Scratch.floats(Scratch.WEIGHT_GRADIENT_PARTS, parts * size);
        float[] biasPartial = gradBias == null ? null : new float[groups * outChannels];
        long work = (long) groups / parts * group * plane * size * 2;
        Parallel.forEach(parts, work, (from, to) -> {
            // Only the arrays this call needs: the first layer wants no input gradient.
            float[] col = gradWeight == null ? null : Scratch.floats(Scratch.CONV_COLUMNS, rows * group * plane);
            float[] dyGroup = Scratch.floats(Scratch.CONV_OUTPUT_GRADIENT, outChannels * group * plane);
            float[] gradCol = gradInput == null ? null
                    : Scratch.floats(Scratch.CONV_COLUMN_GRADIENT, rows * group * plane);
            float[] lanes = new float[8];
            for (int part = from; part < to; part++) {
                int firstGroup = (int) ((long) groups * part / parts);
                int endGroup = (int) ((long) groups * (part + 1) / parts);
                for (int gi = firstGroup; gi < endGroup; gi++) {
                    int first = groupStart(gi, groups, batch);
                    int count = groupStart(gi + 1, groups, batch) - first;
                    int columns = count * plane;
                    gather.group(first, count, dyGroup);
                    if (biasPartial != null) {
                        rowSums(dyGroup, outChannels, columns, biasPartial, gi * outChannels, lanes);
                    }
                    if (gradWeight != null) {
                        columns(x, first, count, g, col);
                        boolean add = gi > firstGroup;
                        if (transposed) {
                            Gemm.multiplyOnThisThread(rows, outChannels, columns, col, 0, false, dyGroup, 0, true,
                                    partial, part * size, add);
                        } else {
                            Gemm.multiplyOnThisThread(outChannels, rows, columns, dyGroup, 0, false, col, 0, true,
                                    partial, part * size, add);
                        }
                    }
                    if (gradInput != null) {
                        Gemm.multiplyOnThisThread(rows, columns, outChannels, weight, 0, true, dyGroup, 0, false,
                                gradCol, 0, false);
                        for (int n = 0; n < count; n++) {
                            Im2Col.col2im(gradCol, columns, n * plane, g, gradInput, (first + n) * g.inputSize());
                        }
                    }
                }
            }
        });
        if (gradWeight != null) {
            // dW[o, k] = the runs' parts added in order.
            Parallel.forEach(outChannels, (long) rows * parts, (from, to) -> {
                for (int o = from; o < to; o++) {
                    for (int k = 0; k < rows; k++) {
                        int at = transposed ? k * outChannels + o : o * rows + k;
                        float sum = partial[at];
                        for (int part = 1; part < parts; part++) {
                            sum += partial[part * size + at];
                        }
                        gradWeight[o * rows + k] = sum;
                    }
                }
            });
        }
        if (gradBias != null) {
            for (int o = 0; o < outChannels; o++) {
                double sum = 0;
                for (int gi = 0; gi < groups; gi++) {
                    sum += biasPartial[gi * outChannels + o];
                }
                gradBias[o] = (float) sum;
            }
        }
    }

    /** The column matrix {@code [K, count·P]} of images {@code [first, first + count)}, into {@code col}. */
    private static void columns(float[] x, int first, int count, ConvGeometry g, float[] col) {
        int rowStride = count * g.outPlane();
        for (int n = 0; n < count; n++) {
            Im2Col.im2col(x, (first + n) * g.inputSize(), g, col, rowStride, n * g.outPlane());
        }
    }

    /**
     * The channel-major output gradient {@code [O, count·P]} of images {@code [first, first + count)}
     * from the pooled output's gradient: each pooled output's gradient added at its argmax, in the
     * order {@link Pooling#maxBackward} adds them, then, with ReLU, each argmax's element times
     * {@code pooled > 0 ? 1 : 0} (the pooled output is the ReLU output there; elements no window
     * took stay 0, as the mask would leave them). Repeating the mask where windows overlap changes
     * nothing.
     */
    private static void gatherPooled(float[] gradPooled, float[] pooled, int[] argmax, boolean relu, int first,
                                     int count, int outChannels, int plane, int pooledPlane, float[] dyGroup) {
        java.util.Arrays.fill(dyGroup, 0, outChannels * count * plane, 0f);
        float[] slope = relu ? Scratch.floats(Scratch.CONV_POOLED, pooledPlane) : null;
        for (int n = 0; n < count; n++) {
            for (int o = 0; o < outChannels; o++) {
                int source = ((first + n) * outChannels + o) * pooledPlane;
                int target = (o * count + n) * plane;
                for (int p = 0; p < pooledPlane; p++) {
                    dyGroup[target + argmax[source + p]] += gradPooled[source + p];
                }
                if (relu) {
                    // The mask first, without a branch: whether an output is positive is as good as random.
                    if (VectorSupport.available()) {
                        VectorRows.reluSlope(pooled, source, slope, 0, pooledPlane);
                    } else {
                        for (int p = 0; p < pooledPlane; p++) {
                            slope[p] = pooled[source + p] > 0 ? 1f : 0f;
                        }
                    }
                    for (int p = 0; p < pooledPlane; p++) {
                        dyGroup[target + argmax[source + p]] *= slope[p];
                    }
                }
            }
        }
    }

    /**
     * Images {@code [first, first + count)} of NCHW {@code dy} as channel-major {@code [C, count·P]},
     * each element times {@code reluOutput > 0 ? 1 : 0} when {@code reluOutput} is not null.
     */
    private static void toChannelMajor(float[] dy, float[] reluOutput, int first, int count, int channels, int plane,
                                       float[] out) {
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < channels; c++) {
                int from = ((first + n) * channels + c) * plane;
                int to = (c * count + n) * plane;
                if (reluOutput == null) {
                    System.arraycopy(dy, from, out, to, plane);
                } else if (VectorSupport.available()) {
                    VectorRows.reluGradient(dy, reluOutput, from, out, to, plane);
                } else {
                    for (int p = 0; p < plane; p++) {
                        out[to + p] = dy[from + p] * (reluOutput[from + p] > 0 ? 1f : 0f);
                    }
                }
            }
        }
    }

    /**
     * The sum of each of {@code count} rows of {@code length} floats, into {@code sums} from
     * {@code offset}: a group's part of the bias gradient. Eight float partial sums (element p into
     * sum p mod 8; {@code partial} holds them) are added in double at the end, in a fixed order. On
     * the Vector API the eight are one 8-lane vector, the same bits: the JIT kept the scalar loop's
     * array in memory, which made it a quarter of the first layer's backward.
     */
    private static void rowSums(float[] rows, int count, int length, float[] sums, int offset, float[] partial) {
        int body = length & ~7;
        for (int r = 0; r < count; r++) {
            java.util.Arrays.fill(partial, 0f);
            int row = r * length;
            if (VectorSupport.available()) {
                VectorRows.addEightLaneSums(rows, row, length, partial);
            } else {
                for (int p = 0; p < body; p += 8) {
                    for (int q = 0; q < 8; q++) {
                        partial[q] += rows[row + p + q];
                    }
                }
                for (int p = body; p < length; p++) {
                    partial[p - body] += rows[row + p];
                }
            }
            double sum = 0;
            for (float value : partial) {
                sum += value;
            }
            sums[offset + r] = (float) sum;
        }
    }
}
