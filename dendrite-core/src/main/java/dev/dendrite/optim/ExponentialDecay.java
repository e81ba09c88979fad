package dev.dendrite.optim;

import dev.dendrite.tensor.Validate;

/**
 * Multiplies the rate by {@code gamma} every epoch: {@code rate(epoch) = baseRate * gamma^epoch},
 * as PyTorch's {@code ExponentialLR}.
 *
 * <p>Example: {@code new ExponentialDecay(0.9)} with base 0.1 gives 0.1, 0.09, 0.081, ...
 *
 * <p>Immutable and thread-safe.
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double gamma;

    /** Decays by {@code gamma} (in {@code (0, 1]}) each epoch. */
    public ExponentialDecay(double gamma) {
        Validate.argument(gamma > 0 && gamma <= 1, "ExponentialDecay", "gamma in (0, 1]", "gamma = " + gamma);
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, double baseRate) {
        Schedules.check("ExponentialDecay", epoch, baseRate);
        return baseRate * Math.pow(gamma, epoch);
    }

    /** For example {@code ExponentialDecay(gamma=0.9)}. */
    @Override
    public String toString() {
        return "ExponentialDecay(gamma=" + gamma + ")";
    }
}
