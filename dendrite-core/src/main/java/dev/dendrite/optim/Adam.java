package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.AdamUpdate;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015): momentum on the gradient plus a per-element step size from a running
 * mean of squared gradients. The update rule, as PyTorch documents it, at the parameter's step
 * {@code t = 1, 2, ...}:
 *
 * <pre>
 * g = g + weightDecay * p                           if weightDecay != 0 (L2, added to the gradient)
 * m = beta1 * m + (1 - beta1) * g                   (m, v start at 0)
 * v = beta2 * v + (1 - beta2) * g^2
 * if biasCorrection:
 *     p = p - learningRate / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * else:
 *     p = p - learningRate * m / (sqrt(v) + eps)
 * </pre>
 *
 * <p>Defaults: {@code learningRate = 1e-3}, {@code beta1 = 0.9}, {@code beta2 = 0.999},
 * {@code eps = 1e-8}, {@code weightDecay = 0}, bias correction on. The bias correction undoes the
 * pull of the zero start on early steps; turning it off gives the simpler variant some tutorials
 * use, whose first step is {@code (1 - beta1) / sqrt(1 - beta2)}, about 3.2, times larger with the
 * defaults (the uncorrected second moment starts further below its true value than the first).
 * For weight decay that is not scaled by the adaptive denominator, use {@link AdamW}.
 *
 * <p>Moments that decay below {@link Float#MIN_NORMAL} are set to 0, which moves no weight by more
 * than {@code 1e-33} and keeps the update fast (see {@link AdamUpdate}).
 *
 * <p>Mutable and not thread-safe; the moments are two {@code float[]} per parameter.
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double weightDecay;
    private boolean biasCorrection = true;
    private final AdamMoments moments;

    /** With {@code learningRate = 1e-3}. */
    public Adam(List<Tensor> parameters) {
        this(parameters, 1e-3);
    }

    /** With the given learning rate (&gt;= 0). */
    public Adam(List<Tensor> parameters, double learningRate) {
        super(parameters, learningRate);
        moments = new AdamMoments(this);
    }

    /** Sets the decay rates of the two moments, each in {@code [0, 1)}; returns this. */
    public Adam betas(double beta1, double beta2) {
        Validate.argument(beta1 >= 0 && beta1 < 1, "Adam", "beta1 in [0, 1)", "beta1 = " + beta1);
        Validate.argument(beta2 >= 0 && beta2 < 1, "Adam", "beta2 in [0, 1)", "beta2 = " + beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets {@code eps} (&gt; 0), added to the denominator for numerical stability; returns this. */
    public Adam epsilon(double epsilon) {
        Validate.positive(epsilon, "Adam", "epsilon");
        this.epsilon = epsilon;
        return this;
    }

    /** Sets the L2 weight decay (&gt;= 0), added to the gradient as {@code weightDecay * p}; returns this. */
    public Adam weightDecay(double weightDecay) {
        Validate.nonNegative(weightDecay, "Adam", "weightDecay");
        this.weightDecay = weightDecay;
        return this;
    }

    /** Turns the bias correction of the moments on (the default) or off; returns this. */
    public Adam biasCorrection(boolean biasCorrection) {
        this.biasCorrection = biasCorrection;
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

    /** The L2 weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    /** Whether the moments are bias-corrected. */
    public boolean biasCorrection() {
        return biasCorrection;
    }

    @Override
    protected void update(int index, float[] p, float[] grad) {
        moments.update(index, p, grad, learningRate(), beta1, beta2, epsilon, biasCorrection, weightDecay, 1);
    }

    /** The moments {@code exp_avg.i}, {@code exp_avg_sq.i} and step counts {@code step.i}, copied. */
    @Override
    public OptimizerState state() {
        return moments.state("Adam");
    }

    @Override
    public void loadState(OptimizerState state) {
        moments.load(this, state);
    }

    /**
     * For example
     * {@code Adam(learningRate=0.001, betas=(0.9, 0.999), epsilon=1.0E-8, weightDecay=0.0, biasCorrection=true)}.
     */
    @Override
    public String toString() {
        return "Adam(learningRate=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), epsilon=" + epsilon
                + ", weightDecay=" + weightDecay + ", biasCorrection=" + biasCorrection + ")";
    }
}
