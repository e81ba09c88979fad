package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.ConvGeometry;
import dev.dendrite.tensor.kernel.Pooling;
import java.util.List;

/**
 * Max pooling: each output is the largest value of a {@code kernel x kernel} window of its
 * channel, {@code y[n, c, p, q] = max_{i,j} x[n, c, p·s - pad + i, q·s - pad + j]}, padding never
 * chosen. The gradient flows only to the input each window took (the first maximum in row-major
 * order), whose index forward keeps.
 *
 * <p>Shapes: {@code [N, C, H, W]} to {@code [N, C, H', W']},
 * {@code H' = floor((H + 2·pad - kernel) / stride) + 1}. Defaults as PyTorch's: stride = kernel,
 * padding 0; padding is at most half the kernel. No parameters; immutable.
 */
public final class MaxPool2d extends Module {
    /** How model files name this layer: {@code {"type":"maxpool","kernel":2,"stride":2,"padding":0}}. */
    public static final LayerType<MaxPool2d> TYPE = LayerType.of("maxpool", MaxPool2d.class,
            List.of("kernel", "stride", "padding"),
            pool -> LayerSpec.of("maxpool").with("kernel", pool.kernel).with("stride", pool.stride)
                    .with("padding", pool.padding),
            (spec, random) -> {
                int kernel = spec.positiveInteger("kernel");
                return new MaxPool2d(kernel, spec.integer("stride", kernel), spec.integer("padding", 0));
            });

    private final int kernel;
    private final int stride;
    private final int padding;

    /** Pooling over {@code kernel x kernel} windows, stride {@code kernel}, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Pooling with the given window, stride and padding ({@code 0 <= padding <= kernel / 2}). */
    public MaxPool2d(int kernel, int stride, int padding) {
        checkPooling("MaxPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    static void checkPooling(String layer, int kernel, int stride, int padding) {
        Validate.argument(kernel > 0 && stride > 0, layer, "kernel > 0 and stride > 0",
                "kernel " + kernel + ", stride " + stride);
        Validate.argument(padding >= 0 && padding <= kernel / 2, layer, "0 <= padding <= kernel / 2 (" + kernel / 2
                + ")", "padding " + padding);
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

    static ConvGeometry geometry(Module layer, Shape input, int kernel, int stride, int padding) {
        int[] dims = ImageShapes.images(layer, input, -1);
        try {
            return ConvGeometry.of(1, dims[2], dims[3], kernel, stride, 1, padding, padding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(layer + ": expected an image at least as large as the window, got "
                    + input, e);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return new MaxPoolOp(geometry(this, input.shape(), kernel, stride, padding)).apply(input);
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvGeometry g = geometry(this, input, kernel, stride, padding);
        return Shape.of(input.dim(0), input.dim(1), g.outHeight(), g.outWidth());
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }

    /** Max pooling that keeps each output's argmax; backward adds each output's gradient there. */
    private static final class MaxPoolOp extends Op {
        private final ConvGeometry g;
        private int[] argmax;
        private int[] inputDims;

        MaxPoolOp(ConvGeometry g) {
            this.g = g;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            inputDims = inputs[0].shape().dims();
            int planes = inputDims[0] * inputDims[1];
            float[] y = new float[planes * g.outPlane()];
            argmax = new int[y.length];
            Pooling.maxForward(inputs[0].data(), planes, g, y, argmax);
            return Tensor.wrap(y, inputDims[0], inputDims[1], g.outHeight(), g.outWidth());
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float[] dx = new float[inputDims[0] * inputDims[1] * g.height() * g.width()];
            Pooling.maxBackward(gradOutput.data(), argmax, inputDims[0] * inputDims[1], g, dx);
            return new Tensor[] {Tensor.wrap(dx, inputDims)};
        }

        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return "maxpool";
        }
    }
}
