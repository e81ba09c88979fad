package dev.dendrite.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one partition sends back for a round, and what a fixed-order sum of those is: a weighted
 * vector ({@code values}, already multiplied by {@code weight}), the weight itself (rows used),
 * the loss summed over rows, the correct predictions, the rows seen and counters (optimizer step
 * counts) merged by their maximum. Immutable once built; {@link #sum} makes new arrays.
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    final float[] values;
    final double weight;
    final double lossSum;
    final long correct;
    final long rows;
    final Map<String, Long> counts;
    /** The optimizer-state keys laid out after the weights and buffers in {@code values}, or empty. */
    final String[] stateKeys;
    /** The longest time one partition spent computing, in nanoseconds (merged by maximum). */
    final long nanos;

    Partial(float[] values, double weight, double lossSum, long correct, long rows, Map<String, Long> counts,
            String[] stateKeys, long nanos) {
        this.stateKeys = stateKeys;
        this.nanos = nanos;
        this.values = values;
        this.weight = weight;
        this.lossSum = lossSum;
        this.correct = correct;
        this.rows = rows;
        this.counts = counts;
    }

    /** A partition that did nothing this round: no vector, weight 0. */
    static Partial nothing() {
        return new Partial(null, 0, 0, 0, 0, Map.of(), new String[0], 0);
    }

    /**
     * The sum of {@code parts} in list order, element by element, left to right: the same inputs in
     * the same order give the same bits, whichever task finished first. Parts without a vector
     * (weight 0) add nothing.
     */
    static Partial sum(List<Partial> parts) {
        float[] total = null;
        double weight = 0;
        double lossSum = 0;
        long correct = 0;
        long rows = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        String[] keys = new String[0];
        long nanos = 0;
        for (Partial part : parts) {
            if (part.values != null) {
                if (total == null) {
                    keys = part.stateKeys;
                    total = part.values.clone();
                } else {
                    if (part.values.length != total.length || !Arrays.equals(keys, part.stateKeys)) {
                        throw new IllegalStateException("Partial.sum: expected vectors of " + total.length
                                + " values, got " + part.values.length);
                    }
                    for (int i = 0; i < total.length; i++) {
                        total[i] += part.values[i];
                    }
                }
            }
            nanos = Math.max(nanos, part.nanos);
            weight += part.weight;
            lossSum += part.lossSum;
            correct += part.correct;
            rows += part.rows;
            part.counts.forEach((key, value) -> counts.merge(key, value, Math::max));
        }
        return new Partial(total, weight, lossSum, correct, rows, counts, keys, nanos);
    }
}
