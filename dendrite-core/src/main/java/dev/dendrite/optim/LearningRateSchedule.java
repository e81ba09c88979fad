package dev.dendrite.optim;

/**
 * The learning rate as a function of the epoch. Epochs count from 0; the training loop calls
 *
 * <pre>{@code
 * optimizer.setLearningRate(schedule.learningRate(epoch, baseRate));
 * }</pre>
 *
 * before each epoch, with {@code baseRate} the rate the run was configured with. Implementations
 * are pure functions of their arguments: immutable and thread-safe.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * The learning rate for {@code epoch} (&gt;= 0) when the configured rate is {@code baseRate}.
     *
     * @throws IllegalArgumentException for a negative epoch or a negative or non-finite base rate
     */
    double learningRate(int epoch, double baseRate);

    /** The schedule that keeps the base rate at every epoch. */
    static LearningRateSchedule constant() {
        return (epoch, baseRate) -> baseRate;
    }
}
