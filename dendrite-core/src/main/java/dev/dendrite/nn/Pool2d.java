package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.ConvGeometry;
import java.util.List;

/**
 * What {@link MaxPool2d} and {@link AvgPool2d} share: a square {@code kernel x kernel} window, its
 * stride and padding and their checks, the output shape
 * {@code [N, C, H, W] -> [N, C, H', W']} with {@code H' = floor((H + 2·pad - kernel) / stride) + 1},
 * and how the layer is written in model files ({@code {"type":"maxpool","kernel":2,"stride":2,"padding":0}})
 * and layer lists ({@code maxpool:K[:STRIDE[:PAD]]}). Defaults as PyTorch's: stride = kernel,
 * padding 0; padding is at most half the kernel. Sealed, as the two kinds are all there is;
 * immutable.
 */
public abstract sealed class Pool2d extends Module permits MaxPool2d, AvgPool2d {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Checks and keeps the window; {@code layer} names the subclass in messages. */
    Pool2d(String layer, int kernel, int stride, int padding) {
        Validate.argument(kernel > 0 && stride > 0, layer, "kernel > 0 and stride > 0",
                "kernel " + kernel + ", stride " + stride);
        Validate.argument(padding >= 0 && padding <= kernel / 2, layer, "0 <= padding <= kernel / 2 (" + kernel / 2
                + ")", "padding " + padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Builds a pooling layer of one kind from its window, stride and padding. */
    @FunctionalInterface
    interface Factory<P extends Pool2d> {
        P create(int kernel, int stride, int padding);
    }

    /** The model-file and layer-list forms of one kind of pooling, named {@code name}. */
    static <P extends Pool2d> LayerType<P> type(String name, Class<P> layerClass, Factory<P> factory) {
        return LayerType.of(name, layerClass, List.of("kernel", "stride", "padding"),
                pool -> LayerSpec.of(name).with("kernel", pool.kernel()).with("stride", pool.stride())
                        .with("padding", pool.padding()),
                (spec, random) -> {
                    int kernel = spec.positiveInteger("kernel");
                    return factory.create(kernel, spec.integer("stride", kernel), spec.integer("padding", 0));
                }).withListForms(ListForm.of(name, name + ":K[:STRIDE[:PAD]]", 1, 3, true, (args, input, random) -> {
                    int kernel = args.integer(0);
                    return factory.create(kernel, args.integer(1, kernel), args.integer(2, 0));
                }));
    }

    /** The window's side. */
    public int kernel() {
        return kernel;
    }

    /** The step between windows. */
    public int stride() {
        return stride;
    }

    /** The padding on every side. */
    public int padding() {
        return padding;
    }

    /** The window's geometry over images of {@code input}, whose size it checks. */
    final ConvGeometry geometry(Shape input) {
        int[] dims = ImageShapes.images(this, input, -1);
        try {
            return ConvGeometry.of(1, dims[2], dims[3], kernel, stride, 1, padding, padding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": expected an image at least as large as the window, got "
                    + input, e);
        }
    }

    @Override
    public final Shape outputShape(Shape input) {
        ConvGeometry g = geometry(input);
        return Shape.of(input.dim(0), input.dim(1), g.outHeight(), g.outWidth());
    }

    @Override
    protected final String extraRepr() {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
