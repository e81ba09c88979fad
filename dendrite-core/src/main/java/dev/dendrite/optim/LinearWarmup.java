package dev.dendrite.optim;

import dev.dendrite.tensor.Validate;
import java.util.Objects;

/**
 * Ramps the rate up linearly over the first {@code warmupEpochs}, then hands over to another
 * schedule (or keeps the base rate):
 *
 * <pre>
 * rate(epoch) = baseRate * (epoch + 1) / warmupEpochs            for epoch &lt; warmupEpochs
 * rate(epoch) = after.learningRate(epoch - warmupEpochs, baseRate) afterwards
 * </pre>
 *
 * <p>Why: the first updates of adaptive optimizers on a fresh network are noisy, and a small rate
 * keeps them from throwing the weights far off. The ramp starts at {@code baseRate / warmupEpochs}
 * rather than 0 so that the first epoch still learns, and reaches the full rate exactly when the
 * following schedule starts at its epoch 0 (so {@code CosineAnnealing} after warm-up anneals over
 * its own {@code totalEpochs}).
 *
 * <p>Immutable and thread-safe when {@code after} is.
 */
public final class LinearWarmup implements LearningRateSchedule {
    private final int warmupEpochs;
    private final LearningRateSchedule after;

    /** Warms up over {@code warmupEpochs} (&gt;= 1), then follows {@code after}. */
    public LinearWarmup(int warmupEpochs, LearningRateSchedule after) {
        Validate.argument(warmupEpochs >= 1, "LinearWarmup", "warmupEpochs >= 1", "warmupEpochs = " + warmupEpochs);
        this.warmupEpochs = warmupEpochs;
        this.after = Objects.requireNonNull(after, "after");
    }

    /** Warms up over {@code warmupEpochs} (&gt;= 1), then keeps the base rate. */
    public LinearWarmup(int warmupEpochs) {
        this(warmupEpochs, LearningRateSchedule.constant());
    }

    @Override
    public double learningRate(int epoch, double baseRate) {
        Schedules.check("LinearWarmup", epoch, baseRate);
        if (epoch < warmupEpochs) {
            return baseRate * (epoch + 1) / warmupEpochs;
        }
        return after.learningRate(epoch - warmupEpochs, baseRate);
    }

    /** For example {@code LinearWarmup(warmupEpochs=5, then=CosineAnnealing(totalEpochs=45, minRate=0.0))}. */
    @Override
    public String toString() {
        return "LinearWarmup(warmupEpochs=" + warmupEpochs + ", then=" + after + ")";
    }
}
