package dev.dendrite.tensor.kernel;

/**
 * Max and average pooling over the planes of an NCHW batch, each plane ({@code N·C} of them, the
 * geometry's {@code channels} being 1) pooled on its own and split over the kernel threads.
 *
 * <p>Max pooling records, for each output, the flat index within its plane of the input it took
 * (the first maximum in row-major window order; NaN wins, so a NaN is never hidden), and its
 * gradient sends each output's gradient to that input alone. Padding is {@code -∞} for max
 * pooling. Average pooling divides by the full window size, padding counted as zeros (PyTorch's
 * {@code count_include_pad=True}), and its gradient spreads each output's gradient evenly over its
 * window. Stateless and thread-safe.
 */
public final class Pooling {
    private Pooling() {
    }

    /** Max pooling of {@code planes} planes into {@code y}, with each output's argmax in {@code argmax}. */
    public static void maxForward(float[] x, int planes, ConvGeometry g, float[] y, int[] argmax) {
        int inPlane = g.height() * g.width();
        if (VectorSupport.available() && VectorPooling.handles(g)) {
            Parallel.forEach(planes, (long) g.outPlane() * 4, (from, to) -> VectorPooling.max2x2(x, from, to, g, y, argmax));
            return;
        }
        Parallel.forEach(planes, (long) g.outPlane() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                maxPlane(x, plane * inPlane, g, y, argmax, plane * g.outPlane());
            }
        });
    }

    /**
     * As {@link #maxForward}, for planes {@code [from, to)} of {@code x} into the same planes of
     * {@code y} and {@code argmax}, on the calling thread: for a kernel that already runs one task
     * per thread ({@link Convolution#forwardPooled}).
     */
    static void maxPlanes(float[] x, int from, int to, ConvGeometry g, float[] y, int[] argmax) {
        if (VectorSupport.available() && VectorPooling.handles(g)) {
            VectorPooling.max2x2(x, from, to, g, y, argmax);
            return;
        }
        int inPlane = g.height() * g.width();
        for (int plane = from; plane < to; plane++) {
            maxPlane(x, plane * inPlane, g, y, argmax, plane * g.outPlane());
        }
    }

    private static void maxPlane(float[] x, int xOffset, ConvGeometry g, float[] y, int[] argmax, int yOffset) {
        int width = g.width();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int dilation = g.dilation();
        for (int oh = 0; oh < g.outHeight(); oh++) {
            int top = oh * g.stride() - g.padTop();
            // The window rows inside the image, found once per output row: no bounds test per tap.
            int firstRow = firstTap(top, dilation);
            int endRow = endTap(top, dilation, g.height(), kh);
            for (int ow = 0; ow < g.outWidth(); ow++) {
                int left = ow * g.stride() - g.padLeft();
                int firstColumn = firstTap(left, dilation);
                int endColumn = endTap(left, dilation, width, kw);
                int bestIndex = (top + firstRow * dilation) * width + left + firstColumn * dilation;
                float best = x[xOffset + bestIndex];
                for (int i = firstRow; i < endRow; i++) {
                    int row = (top + i * dilation) * width + left;
                    for (int j = firstColumn; j < endColumn; j++) {
                        int index = row + j * dilation;
                        float value = x[xOffset + index];
                        // value != value: a NaN wins once and then stays, as no number is > NaN.
                        if (value > best || (value != value && best == best)) {
                            best = value;
                            bestIndex = index;
                        }
                    }
                }
                int out = yOffset + oh * g.outWidth() + ow;
                y[out] = best;
                argmax[out] = bestIndex;
            }
        }
    }

    /** The first window tap {@code t} with {@code start + t·dilation >= 0}. */
    private static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    }

    /** One past the last window tap (at most {@code kernel}) with {@code start + t·dilation < size}. */
    private static int endTap(int start, int dilation, int size, int kernel) {
        return size - start <= 0 ? 0 : Math.min(kernel, (size - start - 1) / dilation + 1);
    }

    /** The input gradient of max pooling: {@code dx[plane, argmax] += dy} for every output. */
    public static void maxBackward(float[] dy, int[] argmax, int planes, ConvGeometry g, float[] dx) {
        int inPlane = g.height() * g.width();
        int outPlane = g.outPlane();
        Parallel.forEach(planes, outPlane, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                for (int p = 0; p < outPlane; p++) {
                    int out = plane * outPlane + p;
                    dx[plane * inPlane + argmax[out]] += dy[out];
                }
            }
        });
    }

    /** Average pooling of {@code planes} planes into {@code y}: each window's sum over its full size. */
    public static void averageForward(float[] x, int planes, ConvGeometry g, float[] y) {
        int inPlane = g.height() * g.width();
        float scale = 1f / (g.kernelHeight() * g.kernelWidth());
        Parallel.forEach(planes, (long) g.outPlane() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        float sum = 0f;
                        for (int i = 0; i < g.kernelHeight(); i++) {
                            int ih = oh * g.stride() - g.padTop() + i * g.dilation();
                            for (int j = 0; j < g.kernelWidth() && ih >= 0 && ih < g.height(); j++) {
                                int iw = ow * g.stride() - g.padLeft() + j * g.dilation();
                                if (iw >= 0 && iw < g.width()) {
                                    sum += x[plane * inPlane + ih * g.width() + iw];
                                }
                            }
                        }
                        y[(plane * g.outHeight() + oh) * g.outWidth() + ow] = sum * scale;
                    }
                }
            }
        });
    }

    /** The input gradient of average pooling: each output's gradient over its window size, to every tap. */
    public static void averageBackward(float[] dy, int planes, ConvGeometry g, float[] dx) {
        int inPlane = g.height() * g.width();
        float scale = 1f / (g.kernelHeight() * g.kernelWidth());
        Parallel.forEach(planes, (long) g.outPlane() * g.kernelHeight() * g.kernelWidth(), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        float share = dy[(plane * g.outHeight() + oh) * g.outWidth() + ow] * scale;
                        for (int i = 0; i < g.kernelHeight(); i++) {
                            int ih = oh * g.stride() - g.padTop() + i * g.dilation();
                            for (int j = 0; j < g.kernelWidth() && ih >= 0 && ih < g.height(); j++) {
                                int iw = ow * g.stride() - g.padLeft() + j * g.dilation();
                                if (iw >= 0 && iw < g.width()) {
                                    dx[plane * inPlane + ih * g.width() + iw] += share;
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
