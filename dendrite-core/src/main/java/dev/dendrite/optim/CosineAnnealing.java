package dev.dendrite.optim;

import dev.dendrite.tensor.Validate;

/**
 * Lowers the rate from the base rate to {@code minRate} along half a cosine over
 * {@code totalEpochs} (Loshchilov and Hutter's SGDR without restarts):
 *
 * <pre>
 * rate(epoch) = minRate + (baseRate - minRate) * (1 + cos(pi * epoch / totalEpochs)) / 2   for epoch &lt;= totalEpochs
 * rate(epoch) = minRate                                                                    afterwards
 * </pre>
 *
 * <p>The rate falls slowly at first, fastest in the middle, and slowly again near the end. Unlike
 * PyTorch's {@code CosineAnnealingLR}, which climbs back up after {@code totalEpochs}, the rate stays
 * at {@code minRate} if training runs longer. A base rate below {@code minRate} is rejected.
 *
 * <p>Immutable and thread-safe.
 */
public final class CosineAnnealing implements LearningRateSchedule {
    private final int totalEpochs;
    private final double minRate;

    /** Anneals over {@code totalEpochs} (&gt;= 1) down to {@code minRate} (&gt;= 0). */
    public CosineAnnealing(int totalEpochs, double minRate) {
        Validate.argument(totalEpochs >= 1, "CosineAnnealing", "totalEpochs >= 1", "totalEpochs = " + totalEpochs);
        Validate.nonNegative(minRate, "CosineAnnealing", "minRate");
        this.totalEpochs = totalEpochs;
        this.minRate = minRate;
    }

    /** Anneals over {@code totalEpochs} down to 0. */
    public CosineAnnealing(int totalEpochs) {
        this(totalEpochs, 0);
    }

    @Override
    public double learningRate(int epoch, double baseRate) {
        Schedules.check("CosineAnnealing", epoch, baseRate);
        Validate.argument(baseRate >= minRate, "CosineAnnealing", "baseRate >= minRate = " + minRate,
                "baseRate = " + baseRate);
        if (epoch >= totalEpochs) {
            return minRate;
        }
        return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * epoch / totalEpochs)) / 2;
    }

    /** For example {@code CosineAnnealing(totalEpochs=50, minRate=0.0)}. */
    @Override
    public String toString() {
        return "CosineAnnealing(totalEpochs=" + totalEpochs + ", minRate=" + minRate + ")";
    }
}
