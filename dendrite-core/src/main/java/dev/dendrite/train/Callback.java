package dev.dendrite.train;

/**
 * Hooks into a {@link Trainer} run. Every method has an empty default, so a callback overrides
 * only what it needs.
 */
public interface Callback {
    /** Called before the first epoch. */
    default void onTrainBegin(Trainer trainer) {
    }

    /** Called after each epoch, validation included; {@code record} holds its metrics. */
    default void onEpochEnd(Trainer trainer, EpochRecord record) {
    }

    /** Called once training ends, whether it ran all epochs or was stopped. */
    default void onTrainEnd(Trainer trainer, History history) {
    }
}
