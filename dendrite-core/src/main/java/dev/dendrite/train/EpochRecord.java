package dev.dendrite.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch produced: its metrics by name ({@code loss}, {@code accuracy}, {@code val_loss},
 * {@code val_accuracy}, {@code learning_rate}, ...) and how long it took. Immutable.
 *
 * @param epoch   the epoch number, from 1
 * @param metrics metric values by name, in insertion order
 * @param seconds wall-clock seconds the epoch took (training and validation)
 */
public record EpochRecord(int epoch, Map<String, Double> metrics, double seconds) {
    /** Copies {@code metrics} so the record stays immutable. */
    public EpochRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of {@code metric}, or NaN when it was not recorded. */
    public double get(String metric) {
        return metrics.getOrDefault(metric, Double.NaN);
    }
}
