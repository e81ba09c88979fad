package dev.dendrite.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every epoch of a training run, in order. Mutable while training appends to it; not thread-safe.
 */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();

    /** Appends an epoch. */
    public void add(EpochRecord record) {
        epochs.add(record);
    }

    /** The epochs in order. */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History.last: expected at least one epoch, got none");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The values of {@code metric}, one per epoch (NaN where missing). */
    public double[] series(String metric) {
        return epochs.stream().mapToDouble(e -> e.get(metric)).toArray();
    }

    /** Every metric name that appears, in first-seen order. */
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        epochs.forEach(e -> names.addAll(e.metrics().keySet()));
        return names;
    }

    /** One header line and one line per epoch: {@code epoch,seconds,<metrics...>}. */
    public String toCsv() {
        Set<String> names = metricNames();
        StringBuilder out = new StringBuilder("epoch,seconds");
        names.forEach(n -> out.append(',').append(n));
        out.append('\n');
        for (EpochRecord e : epochs) {
            out.append(e.epoch()).append(',').append(String.format(Locale.ROOT, "%.4f", e.seconds()));
            for (String n : names) {
                out.append(',').append(String.format(Locale.ROOT, "%.8g", e.get(n)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The number of epochs. */
    public int size() {
        return epochs.size();
    }
}
