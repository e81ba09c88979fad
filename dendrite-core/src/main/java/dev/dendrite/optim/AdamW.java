package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.AdamUpdate;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, 2019): {@link Adam} with weight decay decoupled from the gradient.
 * The update rule, as PyTorch documents it, at the parameter's step {@code t = 1, 2, ...}:
 *
 * <pre>
 * p = p - learningRate * weightDecay * p            (decay the weight directly)
 * m = beta1 * m + (1 - beta1) * g                   (m, v start at 0; g has no decay term)
 * v = beta2 * v + (1 - beta2) * g^2
 * p = p - learningRate / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>Defaults: {@code learningRate = 1e-3}, {@code beta1 = 0.9}, {@code beta2 = 0.999},
 * {@code eps = 1e-8}, {@code weightDecay = 0.01}. Why decoupled: in Adam's L2 form the decay term
 * passes through the adaptive denominator, so weights with large gradients are hardly decayed at
 * all; here every weight shrinks by the same factor {@code 1 - learningRate * weightDecay}.
 *
 * <p>Moments that decay below {@link Float#MIN_NORMAL} are set to 0, which moves no weight by more
 * than {@code 1e-33} and keeps the update fast (see {@link AdamUpdate}).
 *
 * <p>Mutable and not thread-safe; the moments are two {@code float[]} per parameter.
 */
public final class AdamW extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double weightDecay = 0.01;
    private final AdamMoments moments;

    /** With {@code learningRate = 1e-3}. */
    public AdamW(List<Tensor> parameters) {
        this(parameters, 1e-3);
    }

    /** With the given learning rate (&gt;= 0). */
    public AdamW(List<Tensor> parameters, double learningRate) {
        super(parameters, learningRate);
        moments = new AdamMoments(this);
    }

    /** Sets the decay rates of the two moments, each in {@code [0, 1)}; returns this. */
    public AdamW betas(double beta1, double beta2) {
        Validate.argument(beta1 >= 0 && beta1 < 1, "AdamW", "beta1 in [0, 1)", "beta1 = " + beta1);
        Validate.argument(beta2 >= 0 && beta2 < 1, "AdamW", "beta2 in [0, 1)", "beta2 = " + beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets {@code eps} (&gt; 0), added to the denominator for numerical stability; returns this. */
    public AdamW epsilon(double epsilon) {
        Validate.positive(epsilon, "AdamW", "epsilon");
        this.epsilon = epsilon;
        return this;
    }

    /** Sets the decoupled weight decay (&gt;= 0); returns this. */
    public AdamW weightDecay(double weightDecay) {
        Validate.nonNegative(weightDecay, "AdamW", "weightDecay");
        this.weightDecay = weightDecay;
        return this;
    }

    /** The first moment's decay rate. */
    public double beta1() {
        return beta1;
    }

    /** The second moment's decay rate. */
    public double beta2() {
        return beta2;
    }

    /** The {@code eps} term. */
    public double epsilon() {
        return epsilon;
    }

    /** The decoupled weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int index, float[] p, float[] grad) {
        moments.update(index, p, grad, learningRate(), beta1, beta2, epsilon, true, 0, 1 - learningRate() * weightDecay);
    }

    /** The moments {@code exp_avg.i}, {@code exp_avg_sq.i} and step counts {@code step.i}, copied. */
    @Override
    public OptimizerState state() {
        return moments.state("AdamW");
    }

    @Override
    public void loadState(OptimizerState state) {
        moments.load(this, state);
    }

    /** For example {@code AdamW(learningRate=0.001, betas=(0.9, 0.999), epsilon=1.0E-8, weightDecay=0.01)}. */
    @Override
    public String toString() {
        return "AdamW(learningRate=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), epsilon=" + epsilon
                + ", weightDecay=" + weightDecay + ")";
    }
}
