package dev.dendrite.train;

/**
 * Hooks into a {@link Trainer} run. Every method has an empty default, so a callback overrides
 * only what it needs.
 */
public interface Callback {
    /** Called before the first epoch. */
    default void onTrainBegin(Trainer trainer) {
    }

    /**
     * Called after each training batch's optimizer step with the batch's loss; keep it cheap, it
     * runs on the training thread once per batch.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within the epoch, from 1
     * @param loss  the batch's mean loss
     */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
    }

    /** Called after each epoch, validation included; {@code record} holds its metrics. */
    default void onEpochEnd(Trainer trainer, EpochRecord record) {
    }

    /** Called once training ends, whether it ran all epochs or was stopped. */
    default void onTrainEnd(Trainer trainer, History history) {
    }
}
