package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.ConvGeometry;
import dev.dendrite.tensor.kernel.Pooling;
import java.util.List;

/**
 * Average pooling: each output is the mean of a {@code kernel x kernel} window of its channel,
 * {@code y[n, c, p, q] = Σ_{i,j} x[n, c, p·s - pad + i, q·s - pad + j] / kernel²}, padding
 * counting as zeros (PyTorch's default {@code count_include_pad=True}). The gradient gives each
 * window tap {@code dy / kernel²}.
 *
 * <p>Shapes: {@code [N, C, H, W]} to {@code [N, C, H', W']},
 * {@code H' = floor((H + 2·pad - kernel) / stride) + 1}. Defaults: stride = kernel, padding 0;
 * padding is at most half the kernel. No parameters; immutable.
 */
public final class AvgPool2d extends Module {
    /** How model files name this layer: {@code {"type":"avgpool","kernel":2,"stride":2,"padding":0}}. */
    public static final LayerType<AvgPool2d> TYPE = LayerType.of("avgpool", AvgPool2d.class,
            List.of("kernel", "stride", "padding"),
            pool -> LayerSpec.of("avgpool").with("kernel", pool.kernel).with("stride", pool.stride)
                    .with("padding", pool.padding),
            (spec, random) -> {
                int kernel = spec.positiveInteger("kernel");
                return new AvgPool2d(kernel, spec.integer("stride", kernel), spec.integer("padding", 0));
            });

    private final int kernel;
    private final int stride;
    private final int padding;

    /** Pooling over {@code kernel x kernel} windows, stride {@code kernel}, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Pooling with the given window, stride and padding ({@code 0 <= padding <= kernel / 2}). */
    public AvgPool2d(int kernel, int stride, int padding) {
        MaxPool2d.checkPooling("AvgPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
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

    @Override
    public Tensor forward(Tensor input) {
        return new AvgPoolOp(MaxPool2d.geometry(this, input.shape(), kernel, stride, padding)).apply(input);
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvGeometry g = MaxPool2d.geometry(this, input, kernel, stride, padding);
        return Shape.of(input.dim(0), input.dim(1), g.outHeight(), g.outWidth());
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }

    /** Window means; backward spreads each output's gradient evenly over its window. */
    private static final class AvgPoolOp extends Op {
        private final ConvGeometry g;
        private int[] inputDims;

        AvgPoolOp(ConvGeometry g) {
            this.g = g;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            inputDims = inputs[0].shape().dims();
            int planes = inputDims[0] * inputDims[1];
            float[] y = new float[planes * g.outPlane()];
            Pooling.averageForward(inputs[0].data(), planes, g, y);
            return Tensor.wrap(y, inputDims[0], inputDims[1], g.outHeight(), g.outWidth());
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float[] dx = new float[inputDims[0] * inputDims[1] * g.height() * g.width()];
            Pooling.averageBackward(gradOutput.data(), inputDims[0] * inputDims[1], g, dx);
            return new Tensor[] {Tensor.wrap(dx, inputDims)};
        }

        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return "avgpool";
        }
    }
}
