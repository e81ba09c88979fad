package dev.dendrite.loss;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Categorical cross-entropy on logits, with the softmax fused in. For logits {@code z} of shape
 * {@code [N, C]} (raw scores, no softmax layer before them) and each row {@code i}:
 *
 * <pre>
 * logSumExp_i = m_i + log(sum_c exp(z_ic - m_i))       where m_i = max_c z_ic
 * loss_i      = logSumExp_i - z_i,y_i                  target: class indices y, shape [N]
 * loss_i      = sum_c t_ic (logSumExp_i - z_ic)        target: one-hot or probabilities t, shape [N, C]
 * loss        = mean_i loss_i   (Reduction.MEAN, the default)  or  sum_i loss_i   (Reduction.SUM)
 * </pre>
 *
 * <p>Subtracting the row maximum before exponentiating keeps every {@code exp} at most 1, so large
 * logits cannot overflow; the composed {@code -log(softmax(z))} would. The backward is written out:
 * {@code dz_ic = (softmax(z)_ic - t_ic) / N} with {@code t} one-hot for indices (and
 * {@code softmax_ic * sum_c t_ic - t_ic} in general, which is the same when a row sums to 1).
 *
 * <p>Class indices are stored as floats holding integers {@code 0 .. C-1}; anything else (a
 * fraction, NaN, out of range) is rejected, since a silently truncated label trains the wrong class.
 *
 * <p>Immutable and thread-safe.
 */
public final class CrossEntropy extends Loss {
    /** With {@link Reduction#MEAN}. */
    public CrossEntropy() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public CrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        Shape shape = prediction.shape();
        Validate.argument(shape.rank() == 2, name(), "logits [N, C]", shape);
        requireNonEmpty(prediction);
        int rows = shape.dim(0);
        int classes = shape.dim(1);
        boolean indices = target.rank() == 1;
        if (indices) {
            if (target.size() != rows) {
                Validate.argument(false, name(), "target [" + rows + "] (class indices) or "
                        + shape + " (one-hot) for logits " + shape, target.shape());
            }
            checkIndices(target, classes);
        } else {
            if (!target.shape().equals(shape)) {
                Validate.argument(false, name(), "target [" + rows + "] (class indices) or "
                        + shape + " (one-hot) for logits " + shape, target.shape());
            }
            checkProbabilities(target);
        }
        double scale = reduction() == Reduction.MEAN ? 1.0 / rows : 1.0;
        return new Fused(rows, classes, indices, scale).apply(prediction, target);
    }

    private void checkIndices(Tensor target, int classes) {
        float[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] >= 0 && t[i] < classes && t[i] == Math.rint(t[i]))) {
                throw Validate.fail(name(),
                        "class indices as whole numbers in [0, " + classes + ")", t[i] + " at row " + i);
            }
        }
    }

    private void checkProbabilities(Tensor target) {
        float[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            if (!Float.isFinite(t[i])) {
                throw Validate.fail(name(), "finite target probabilities",
                        t[i] + " at flat index " + i + " of " + target.shape());
            }
        }
    }

    /** The fused log-softmax + negative log-likelihood op; one instance per call. */
    private static final class Fused extends Op {
        private final int rows;
        private final int classes;
        private final boolean indices;
        private final double scale;
        private Tensor logits;
        private Tensor target;
        private float[] softmax;
        private double[] logSumExp;

        Fused(int rows, int classes, boolean indices, double scale) {
            this.rows = rows;
            this.classes = classes;
            this.indices = indices;
            this.scale = scale;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            logits = inputs[0];
            target = inputs[1];
            float[] z = logits.data();
            float[] t = target.data();
            softmax = new float[z.length];
            logSumExp = new double[rows];
            double total = 0;
            for (int i = 0; i < rows; i++) {
                int row = i * classes;
                double lse = rowSoftmax(z, row);
                logSumExp[i] = lse;
                if (indices) {
                    total += lse - z[row + (int) t[i]];
                } else {
                    for (int c = 0; c < classes; c++) {
                        total += t[row + c] * (lse - z[row + c]);
                    }
                }
            }
            return Tensor.scalar((float) (total * scale));
        }

        /** Writes softmax of one row into {@link #softmax} and returns the row's log-sum-exp. */
        private double rowSoftmax(float[] z, int row) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(z[row + c] - max);
                softmax[row + c] = (float) e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                softmax[row + c] = (float) (softmax[row + c] / sum);
            }
            return max + Math.log(sum);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            double g = gradOutput.item() * scale;
            Tensor[] grads = new Tensor[2];
            if (needsGradient(0)) {
                grads[0] = Tensor.wrap(logitGradient(g), logits.shape().dims());
            }
            if (!indices && needsGradient(1)) {
                float[] z = logits.data();
                float[] dt = new float[z.length];
                for (int i = 0; i < rows; i++) {
                    for (int c = 0; c < classes; c++) {
                        dt[i * classes + c] = (float) (g * (logSumExp[i] - z[i * classes + c]));
                    }
                }
                grads[1] = Tensor.wrap(dt, target.shape().dims());
            }
            return grads;
        }

        private float[] logitGradient(double g) {
            float[] t = target.data();
            float[] dz = new float[softmax.length];
            for (int i = 0; i < rows; i++) {
                int row = i * classes;
                if (indices) {
                    int label = (int) t[i];
                    for (int c = 0; c < classes; c++) {
                        dz[row + c] = (float) (g * (softmax[row + c] - (c == label ? 1.0 : 0.0)));
                    }
                } else {
                    double mass = 0;
                    for (int c = 0; c < classes; c++) {
                        mass += t[row + c];
                    }
                    for (int c = 0; c < classes; c++) {
                        dz[row + c] = (float) (g * (softmax[row + c] * mass - t[row + c]));
                    }
                }
            }
            return dz;
        }

        @Override
        public String name() {
            return "CrossEntropy";
        }
    }
}
