package dev.dendrite.nn.activation;

import dev.dendrite.autograd.Op;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Softmax along an axis: {@code y_i = e^(x_i) / sum_j e^(x_j)}, turning each slice along the axis
 * (by default the last: one row of class scores per example) into probabilities that sum to 1.
 *
 * <p><b>Stability.</b> Computed as {@code e^(x_i - m) / sum_j e^(x_j - m)} with {@code m} the
 * slice's maximum, which is the same value (the factor {@code e^-m} cancels) but never overflows:
 * the largest exponent is {@code e^0 = 1}, so {@code [1000, -1000]} gives exactly {@code [1, 0]}
 * where the naive form gives {@code inf / inf = NaN}. A slice that is all {@code -inf} or contains
 * NaN gives NaN, which is reported rather than hidden.
 *
 * <p><b>Backward.</b> Softmax is not element-wise (every output depends on every input of its
 * slice), so it is its own autograd op with the Jacobian-vector product written out:
 * {@code dx_i = y_i (dy_i - sum_j dy_j y_j)}, O(n) per slice instead of the n x n Jacobian. For
 * classification, a softmax followed by cross-entropy is better fused into the loss, where the
 * gradient simplifies to {@code y - target}; this class is for probabilities as outputs.
 *
 * <p>Shape: any input of rank at least 1 that has {@code axis}; negative axes count from the end.
 * The output has the input's shape. Immutable.
 *
 * <pre>{@code new Softmax().forward(Tensor.matrix(new float[] {1, 2, 3}))  // [[0.0900, 0.2447, 0.6652]]}</pre>
 */
public final class Softmax extends Activation {
    /** How model files name and rebuild this activation with its hyperparameter. */
    public static final LayerType<Softmax> TYPE = LayerType.of("softmax", Softmax.class, List.of("axis"),
            layer -> LayerSpec.of("softmax").with("axis", layer.axis()),
            (spec, random) -> new Softmax(spec.integer("axis", -1)));

    private final int axis;

    /** A softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    /** A softmax over {@code axis}; negative values count from the end ({@code -1} is the last axis). */
    public Softmax(int axis) {
        this.axis = axis;
    }

    /** The axis the probabilities sum to 1 along, as given (possibly negative). */
    public int axis() {
        return axis;
    }

    /**
     * Probabilities along {@link #axis()}.
     *
     * @throws IllegalArgumentException if the input has no such axis
     */
    @Override
    public Tensor forward(Tensor input) {
        int rank = input.rank();
        int needed = axis < 0 ? -axis : axis + 1;
        Validate.argument(axis >= -rank && axis < rank, toString(), "an input of rank >= " + needed,
                input.shape() + " (rank " + rank + ")");
        return new SoftmaxOp(input.shape().axis(axis)).apply(input);
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    protected String extraRepr() {
        return "axis=" + axis;
    }

    /** The softmax op; the input is viewed as {@code [outer, length, inner]} around the axis. */
    static final class SoftmaxOp extends Op {
        private final int axis;
        private Tensor output;
        private int outer;
        private int length;
        private int inner;

        SoftmaxOp(int axis) {
            this.axis = axis;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            int[] dims = inputs[0].shape().dims();
            outer = 1;
            inner = 1;
            for (int d = 0; d < axis; d++) {
                outer *= dims[d];
            }
            for (int d = axis + 1; d < dims.length; d++) {
                inner *= dims[d];
            }
            length = dims[axis];
            float[] x = inputs[0].data();
            float[] y = new float[x.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    slice(x, y, o * length * inner + i);
                }
            }
            output = Tensor.wrap(y, dims);
            return output;
        }

        /** Softmax of the slice starting at {@code base} with stride {@code inner}. */
        private void slice(float[] x, float[] y, int base) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < length; k++) {
                max = Math.max(max, x[base + k * inner]);
            }
            double sum = 0;
            for (int k = 0; k < length; k++) {
                float e = (float) Math.exp(x[base + k * inner] - max);
                y[base + k * inner] = e;
                sum += e;
            }
            float scale = (float) (1.0 / sum);
            for (int k = 0; k < length; k++) {
                y[base + k * inner] *= scale;
            }
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float[] y = output.data();
            float[] dy = gradOutput.data();
            float[] dx = new float[y.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * length * inner + i;
                    double dot = 0;
                    for (int k = 0; k < length; k++) {
                        int index = base + k * inner;
                        dot += (double) dy[index] * y[index];
                    }
                    for (int k = 0; k < length; k++) {
                        int index = base + k * inner;
                        dx[index] = (float) (y[index] * (dy[index] - dot));
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, output.shape().dims())};
        }

        @Override
        public String name() {
            return "softmax";
        }
    }
}
