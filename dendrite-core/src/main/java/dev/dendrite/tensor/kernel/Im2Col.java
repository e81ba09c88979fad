package dev.dendrite.tensor.kernel;

import java.util.Arrays;

/**
 * The column matrix of an image, which turns a convolution into one matrix product: row
 * {@code (c, i, j)} (channel, window row, window column) holds, for every output pixel, the input
 * value that window tap sees, or 0 where it falls on the padding. A batch's images sit side by
 * side, image n in columns {@code [n·P, (n+1)·P)} of a {@code [C·kh·kw, N·P]} matrix, P the
 * output plane, so the whole batch is one product with the weight {@code [out, C·kh·kw]}.
 *
 * <p>{@link #col2im} is the adjoint: it adds every column entry back onto the input pixel it came
 * from, which is how the input gradient is gathered. Both loops find the range of output columns
 * whose tap lands inside the image once per row, so the inner loop has no bounds test (and is a
 * plain copy at stride 1). At stride 1 the runs are short (11 floats for a 13x13 image), and are
 * moved by {@link VectorRows} when the Vector API is there. (col2im summing each image row from
 * its taps in a register, with masked vector loads, was tried: 1.6 -> 1.0 ms for the reference
 * CNN's second layer in isolation, but training steps ran slower and less steadily with it.)
 */
public final class Im2Col {
    /** Runs at stride 1 go through {@link VectorRows} when the Vector API is there. */
    private static final boolean VECTOR_ROWS = VectorSupport.available();

    private Im2Col() {
    }

    /**
     * Writes the columns of the image at {@code x[xOffset ...]} into {@code col}, whose rows are
     * {@code rowStride} long, starting at column {@code colOffset}.
     */
    public static void im2col(float[] x, int xOffset, ConvGeometry g, float[] col, int rowStride, int colOffset) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int outWidth = g.outWidth();
        for (int c = 0; c < g.channels(); c++) {
            int plane = xOffset + c * g.height() * g.width();
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((c * kh + i) * kw + j) * rowStride + colOffset;
                    int shift = j * g.dilation() - g.padLeft();
                    int first = firstInside(shift, g.stride(), outWidth);
                    int end = endInside(shift, g.stride(), g.width(), outWidth);
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        int out = row + oh * outWidth;
                        int ih = oh * g.stride() - g.padTop() + i * g.dilation();
                        if (ih < 0 || ih >= g.height() || first >= end) {
                            Arrays.fill(col, out, out + outWidth, 0f);
                            continue;
                        }
                        // Only where the window reaches the padding: an empty fill still cost its call,
                        // 13% of the reference CNN's second convolution with a run of 11 floats per row.
                        if (first > 0) {
                            Arrays.fill(col, out, out + first, 0f);
                        }
                        int in = plane + ih * g.width() + shift;
                        copyRow(x, in, g.stride(), col, out, first, end);
                        if (end < outWidth) {
                            Arrays.fill(col, out + end, out + outWidth, 0f);
                        }
                    }
                }
            }
        }
    }

    private static void copyRow(float[] x, int in, int stride, float[] col, int out, int first, int end) {
        if (stride == 1) {
            if (VECTOR_ROWS) {
                VectorRows.copy(x, in + first, col, out + first, end - first);
            } else {
                System.arraycopy(x, in + first, col, out + first, end - first);
            }
            return;
        }
        for (int ow = first; ow < end; ow++) {
            col[out + ow] = x[in + ow * stride];
        }
    }

    /**
     * Adds the columns starting at {@code colOffset} of {@code col} (rows {@code rowStride} long)
     * back onto the image at {@code dx[dxOffset ...]}: each entry onto the pixel it was read from.
     */
    public static void col2im(float[] col, int rowStride, int colOffset, ConvGeometry g, float[] dx, int dxOffset) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int outWidth = g.outWidth();
        int stride = g.stride();
        for (int c = 0; c < g.channels(); c++) {
            int plane = dxOffset + c * g.height() * g.width();
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((c * kh + i) * kw + j) * rowStride + colOffset;
                    int shift = j * g.dilation() - g.padLeft();
                    int first = firstInside(shift, stride, outWidth);
                    int end = endInside(shift, stride, g.width(), outWidth);
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        int ih = oh * stride - g.padTop() + i * g.dilation();
                        if (ih < 0 || ih >= g.height()) {
                            continue;
                        }
                        int in = plane + ih * g.width() + shift;
                        int out = row + oh * outWidth;
                        if (stride == 1) {
                            // A separate loop with unit stride, which the JIT turns into vector adds.
                            for (int ow = first; ow < end; ow++) {
                                dx[in + ow] += col[out + ow];
                            }
                            continue;
                        }
                        for (int ow = first; ow < end; ow++) {
                            dx[in + ow * stride] += col[out + ow];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column {@code ow·stride + shift} is at least 0. */
    private static int firstInside(int shift, int stride, int outWidth) {
        if (shift >= 0) {
            return 0;
        }
        return Math.min(outWidth, (-shift + stride - 1) / stride);
    }

    /** One past the last output column whose input column {@code ow·stride + shift} is below {@code width}. */
    private static int endInside(int shift, int stride, int width, int outWidth) {
        if (width - shift <= 0) {
            return 0;
        }
        return Math.min(outWidth, (width - shift - 1) / stride + 1);
    }
}
