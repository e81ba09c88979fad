package dev.dendrite.loss;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Tensor;

/**
 * Mean squared error: {@code mean((prediction - target)^2)} over all elements ({@code sum} with
 * {@link Reduction#SUM}).
 *
 * <p>The target must have the prediction's shape, for example {@code [N, 1]} for both; a target
 * of {@code [N]} against a prediction of {@code [N, 1]} is rejected rather than broadcast to
 * {@code [N, N]}. The gradient is {@code 2 (prediction - target) / n}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MSE extends Loss {
    /** With {@link Reduction#MEAN}. */
    public MSE() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MSE(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        return new SquaredError(reduction() == Reduction.MEAN).apply(prediction, target);
    }

    /**
     * The loss as one op instead of four (subtract, square, sum, divide), with one array instead of
     * five per step: a small regression network's step is mostly such overhead. It does the four
     * ops' arithmetic in their order, so its value and gradients have their bits.
     */
    private static final class SquaredError extends Op {
        private final boolean mean;
        private float[] difference;
        private int[] dims;

        SquaredError(boolean mean) {
            this.mean = mean;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            float[] p = inputs[0].data();
            float[] t = inputs[1].data();
            dims = inputs[0].shape().dims();
            difference = new float[p.length];
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                float d = p[i] - t[i];
                difference[i] = d;
                sum += d * d;
            }
            float total = (float) sum;
            return Tensor.scalar(mean ? total / (float) p.length : total);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float seed = gradOutput.item();
            // As the divide's backward, then the sum's (which adds each element to 0).
            float each = 0f + (mean ? seed / (float) difference.length : seed);
            float[] dp = new float[difference.length];
            for (int i = 0; i < dp.length; i++) {
                float half = each * difference[i];
                dp[i] = half + half;   // the square's two factors each pass back g·d
            }
            Tensor dt = null;
            if (needsGradient(1)) {
                float[] negated = new float[dp.length];
                for (int i = 0; i < dp.length; i++) {
                    negated[i] = -dp[i];
                }
                dt = Tensor.wrap(negated, dims);
            }
            return new Tensor[] {needsGradient(0) ? Tensor.wrap(dp, dims) : null, dt};
        }

        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return "mse";
        }
    }
}
