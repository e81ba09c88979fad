package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.ConvGeometry;
import dev.dendrite.tensor.kernel.Pooling;

/**
 * Max pooling: each output is the largest value of a {@code kernel x kernel} window of its
 * channel, {@code y[n, c, p, q] = max_{i,j} x[n, c, p·s - pad + i, q·s - pad + j]}, padding never
 * chosen. The gradient flows only to the input each window took (the first maximum in row-major
 * order), whose index forward keeps.
 *
 * <p>Shapes, defaults and file forms as every {@link Pool2d}'s. No parameters; immutable.
 */
public final class MaxPool2d extends Pool2d {
    /** How model files and layer lists name this layer: {@code {"type":"maxpool","kernel":2,"stride":2,"padding":0}}. */
    public static final LayerType<MaxPool2d> TYPE = Pool2d.type("maxpool", MaxPool2d.class, MaxPool2d::new);

    /** Pooling over {@code kernel x kernel} windows, stride {@code kernel}, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Pooling with the given window, stride and padding ({@code 0 <= padding <= kernel / 2}). */
    public MaxPool2d(int kernel, int stride, int padding) {
        super("MaxPool2d", kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return new MaxPoolOp(geometry(input.shape())).apply(input);
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
