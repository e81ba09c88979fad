package dev.dendrite.loss;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Binary cross-entropy on logits (sigmoid fused in), for yes/no outputs:
 *
 * <pre>
 * p    = sigmoid(z)
 * loss = -(t log p + (1 - t) log(1 - p))
 *      = max(z, 0) - z t + log1p(exp(-|z|))
 * </pre>
 *
 * averaged over all elements ({@link Reduction#MEAN}, the default) or summed. {@code z} is the raw
 * model output (no sigmoid layer before it) and {@code t}, of the same shape, holds 0/1 labels (or
 * probabilities in {@code [0, 1]}).
 *
 * <p>Why the second form: {@code log(sigmoid(z))} underflows to {@code log(0) = -inf} once
 * {@code z < -104} in float, while the rewritten form never takes the exponential of a positive
 * number, so it stays finite and accurate at any logit. The backward is written out for the same
 * reason: {@code dz = (sigmoid(z) - t) / n}, {@code dt = -z / n}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BinaryCrossEntropy extends Loss {
    /** With {@link Reduction#MEAN}. */
    public BinaryCrossEntropy() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public BinaryCrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        float[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] >= 0f && t[i] <= 1f)) {
                throw Validate.fail(name(),
                        "targets in [0, 1] (0/1 labels)", t[i] + " at index " + i + " of " + target.shape());
            }
        }
        double scale = reduction() == Reduction.MEAN ? 1.0 / prediction.size() : 1.0;
        return new Fused(scale).apply(prediction, target);
    }

    /** The fused sigmoid + cross-entropy op; one instance per call. */
    private static final class Fused extends Op {
        private final double scale;
        private Tensor logits;
        private Tensor target;

        Fused(double scale) {
            this.scale = scale;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            logits = inputs[0];
            target = inputs[1];
            float[] z = logits.data();
            float[] t = target.data();
            double total = 0;
            for (int i = 0; i < z.length; i++) {
                total += Math.max(z[i], 0.0) - (double) z[i] * t[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
            }
            return Tensor.scalar((float) (total * scale));
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            double g = gradOutput.item() * scale;
            float[] z = logits.data();
            float[] t = target.data();
            Tensor[] grads = new Tensor[2];
            if (needsGradient(0)) {
                float[] dz = new float[z.length];
                for (int i = 0; i < z.length; i++) {
                    dz[i] = (float) (g * (sigmoid(z[i]) - t[i]));
                }
                grads[0] = Tensor.wrap(dz, logits.shape().dims());
            }
            if (needsGradient(1)) {
                float[] dt = new float[t.length];
                for (int i = 0; i < t.length; i++) {
                    dt[i] = (float) (-g * z[i]);
                }
                grads[1] = Tensor.wrap(dt, target.shape().dims());
            }
            return grads;
        }

        // Only ever exponentiates a non-positive number, so it cannot overflow.
        private static double sigmoid(double z) {
            if (z >= 0) {
                return 1.0 / (1.0 + Math.exp(-z));
            }
            double e = Math.exp(z);
            return e / (1.0 + e);
        }

        @Override
        public String name() {
            return "BinaryCrossEntropy";
        }
    }
}
