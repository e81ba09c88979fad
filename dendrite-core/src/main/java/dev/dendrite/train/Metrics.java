package dev.dendrite.train;

/**
 * What the Trainer's metric names mean, decided in one place: whether a smaller value is better
 * ({@code loss}, {@code val_loss}, {@code rmse}, {@code mae}) or a larger one ({@code accuracy},
 * {@code val_accuracy}). Early stopping and best-checkpoint selection both ask here. Stateless.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Whether a smaller value of the metric {@code name} is better. */
    public static boolean lowerIsBetter(String name) {
        return name.endsWith("loss") || name.endsWith("rmse") || name.endsWith("mae");
    }
}
