package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.ConvGeometry;
import dev.dendrite.tensor.kernel.Pooling;

/**
 * Average pooling: each output is the mean of a {@code kernel x kernel} window of its channel,
 * {@code y[n, c, p, q] = Σ_{i,j} x[n, c, p·s - pad + i, q·s - pad + j] / kernel²}, padding
 * counting as zeros (PyTorch's default {@code count_include_pad=True}). The gradient gives each
 * window tap {@code dy / kernel²}.
 *
 * <p>Shapes, defaults and file forms as every {@link Pool2d}'s. No parameters; immutable.
 */
public final class AvgPool2d extends Pool2d {
    /** How model files and layer lists name this layer: {@code {"type":"avgpool","kernel":2,"stride":2,"padding":0}}. */
    public static final LayerType<AvgPool2d> TYPE = Pool2d.type("avgpool", AvgPool2d.class, AvgPool2d::new);

    /** Pooling over {@code kernel x kernel} windows, stride {@code kernel}, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Pooling with the given window, stride and padding ({@code 0 <= padding <= kernel / 2}). */
    public AvgPool2d(int kernel, int stride, int padding) {
        super("AvgPool2d", kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return new AvgPoolOp(geometry(input.shape())).apply(input);
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
