package dev.dendrite.tensor.kernel;

import dev.dendrite.tensor.Validate;

/**
 * The geometry of a sliding window over one image plane, shared by convolution and pooling: the
 * input {@code [channels, height, width]}, the window {@code kernelHeight x kernelWidth} with its
 * stride and dilation, the zero padding before the first row and column, and the output size.
 *
 * <p>Output pixel {@code (oh, ow)} sees input row {@code oh·stride - padTop + i·dilation} and column
 * {@code ow·stride - padLeft + j·dilation} for window offsets {@code (i, j)}; positions outside the
 * image are padding. The padding after the last row and column is implied by the output size, so
 * asymmetric padding (PyTorch's {@code padding="same"} with an even kernel) needs nothing more.
 * Immutable.
 *
 * @param channels     input channels (1 for pooling, which runs plane by plane)
 * @param height       input rows
 * @param width        input columns
 * @param kernelHeight window rows
 * @param kernelWidth  window columns
 * @param stride       step between windows, both axes
 * @param dilation     step between window taps, both axes
 * @param padTop       padding rows before the first input row
 * @param padLeft      padding columns before the first input column
 * @param outHeight    output rows
 * @param outWidth     output columns
 */
public record ConvGeometry(int channels, int height, int width, int kernelHeight, int kernelWidth,
                           int stride, int dilation, int padTop, int padLeft, int outHeight, int outWidth) {

    /** Checks that every size is positive and the padding non-negative. */
    public ConvGeometry {
        Validate.argument(channels > 0 && height > 0 && width > 0, "ConvGeometry",
                "a positive input size", "[" + channels + ", " + height + ", " + width + "]");
        Validate.argument(kernelHeight > 0 && kernelWidth > 0 && stride > 0 && dilation > 0, "ConvGeometry",
                "positive kernel, stride and dilation", kernelHeight + "x" + kernelWidth + ", stride " + stride
                        + ", dilation " + dilation);
        Validate.argument(padTop >= 0 && padLeft >= 0, "ConvGeometry", "padding >= 0", padTop + ", " + padLeft);
        Validate.argument(outHeight > 0 && outWidth > 0, "ConvGeometry", "a positive output size",
                outHeight + "x" + outWidth);
    }

    /**
     * The geometry of a square window with the given padding on each side; the output size is
     * {@code floor((size + before + after - dilation·(kernel - 1) - 1) / stride) + 1}.
     *
     * @throws IllegalArgumentException if the window does not fit in the padded input
     */
    public static ConvGeometry of(int channels, int height, int width, int kernel, int stride, int dilation,
                                  int padBefore, int padAfter) {
        int span = dilation * (kernel - 1) + 1;
        int paddedHeight = height + padBefore + padAfter;
        int paddedWidth = width + padBefore + padAfter;
        Validate.argument(paddedHeight >= span && paddedWidth >= span, "ConvGeometry",
                "a padded input at least as large as the window (" + span + "x" + span + ")",
                "[" + paddedHeight + ", " + paddedWidth + "] after padding [" + height + ", " + width + "]");
        return new ConvGeometry(channels, height, width, kernel, kernel, stride, dilation, padBefore, padBefore,
                (paddedHeight - span) / stride + 1, (paddedWidth - span) / stride + 1);
    }

    /** Elements of one input image, {@code channels·height·width}. */
    public int inputSize() {
        return channels * height * width;
    }

    /** Elements of one output plane, {@code outHeight·outWidth}. */
    public int outPlane() {
        return outHeight * outWidth;
    }

    /** Rows of the column matrix: one per (channel, window row, window column). */
    public int columnRows() {
        return channels * kernelHeight * kernelWidth;
    }
}
