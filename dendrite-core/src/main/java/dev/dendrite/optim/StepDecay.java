package dev.dendrite.optim;

import dev.dendrite.tensor.Validate;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} epochs:
 * {@code rate(epoch) = baseRate * gamma^floor(epoch / stepSize)}, as PyTorch's {@code StepLR}.
 *
 * <p>Example: {@code new StepDecay(10, 0.1)} with base 0.1 gives 0.1 for epochs 0-9, 0.01 for 10-19.
 *
 * <p>Immutable and thread-safe.
 */
public final class StepDecay implements LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    /** Decays by {@code gamma} (in {@code (0, 1]}) every {@code stepSize} (&gt;= 1) epochs. */
    public StepDecay(int stepSize, double gamma) {
        Validate.argument(stepSize >= 1, "StepDecay", "stepSize >= 1", "stepSize = " + stepSize);
        Validate.argument(gamma > 0 && gamma <= 1, "StepDecay", "gamma in (0, 1]", "gamma = " + gamma);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(int epoch, double baseRate) {
        Schedules.check("StepDecay", epoch, baseRate);
        return baseRate * Math.pow(gamma, epoch / stepSize);
    }

    /** For example {@code StepDecay(stepSize=10, gamma=0.1)}. */
    @Override
    public String toString() {
        return "StepDecay(stepSize=" + stepSize + ", gamma=" + gamma + ")";
    }
}
