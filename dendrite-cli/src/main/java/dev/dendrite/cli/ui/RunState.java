package dev.dendrite.cli.ui;

import dev.dendrite.cli.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows, as training produces it: the metrics of each epoch, the loss every few
 * batches, weight histograms, the latest confusion matrix and a strip of current mistakes, and
 * whether the run has finished. Written by the training thread, read by the server's threads.
 *
 * <p>Thread-safe: every method holds the object's lock. Readers wait for a newer
 * {@link #version()} with {@link #awaitNewer}; each change increments it and wakes them.
 */
public final class RunState {
    /** Older batch losses are dropped beyond this many, so the page's data stays small. */
    static final int MAX_BATCH_POINTS = 4000;

    private final String title;
    private final List<String> epochs = new ArrayList<>();
    private final List<double[]> batches = new ArrayList<>();
    private String histograms = "[]";
    private String confusion = "null";
    private String mistakes = "[]";
    private String status = "running";
    private String message = "";
    private long version;

    /** A new run called {@code title} (the model and data, for the page's heading). */
    public RunState(String title) {
        this.title = title;
    }

    /** Adds one epoch's record: its number, seconds and metrics by name. */
    public synchronized void addEpoch(int epoch, double seconds, Map<String, Double> metrics) {
        StringBuilder json = new StringBuilder("{\"epoch\": ").append(epoch).append(", \"seconds\": ")
                .append(number(seconds)).append(", \"metrics\": {");
        int i = 0;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            json.append(i++ == 0 ? "" : ", ").append(JsonText.quote(e.getKey())).append(": ").append(number(e.getValue()));
        }
        epochs.add(json.append("}}").toString());
        changed();
    }

    /** Adds a batch's loss at {@code step}, a position in epochs (2.5 = half way through epoch 3). */
    public synchronized void addBatch(double step, double loss) {
        batches.add(new double[] {step, loss});
        if (batches.size() > MAX_BATCH_POINTS) {
            batches.subList(0, batches.size() - MAX_BATCH_POINTS).clear();
        }
        changed();
    }

    /** Replaces the weight histograms, the confusion matrix and the mistakes (JSON texts, see {@link EpochViews}). */
    public synchronized void setViews(String histograms, String confusion, String mistakes) {
        this.histograms = histograms;
        this.confusion = confusion;
        this.mistakes = mistakes;
        changed();
    }

    /** Marks the run finished, with a line saying how (all epochs, stopped early, failed). */
    public synchronized void finish(String message) {
        this.status = "finished";
        this.message = message;
        changed();
    }

    /** Whether {@link #finish} has been called. */
    public synchronized boolean finished() {
        return status.equals("finished");
    }

    /** Increases with every change. */
    public synchronized long version() {
        return version;
    }

    /**
     * Waits until the version is above {@code seen} or {@code millis} pass.
     *
     * @return the version now
     */
    public synchronized long awaitNewer(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (version <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }

    /** Everything the page shows, as one JSON object. */
    public synchronized String toJson() {
        StringBuilder json = new StringBuilder("{\"version\": ").append(version)
                .append(", \"title\": ").append(JsonText.quote(title))
                .append(", \"status\": ").append(JsonText.quote(status))
                .append(", \"message\": ").append(JsonText.quote(message))
                .append(", \"epochs\": [").append(String.join(", ", epochs)).append("], \"batches\": [");
        for (int i = 0; i < batches.size(); i++) {
            double[] b = batches.get(i);
            json.append(i == 0 ? "" : ", ").append('[').append(number(b[0])).append(", ").append(number(b[1])).append(']');
        }
        return json.append("], \"histograms\": ").append(histograms).append(", \"confusion\": ").append(confusion)
                .append(", \"mistakes\": ").append(mistakes).append('}').toString();
    }

    private void changed() {
        version++;
        notifyAll();
    }

    /** Every digit a double has (the page shows what history.csv holds), or null when not finite. */
    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    /** A map of metrics from CSV columns; used when serving a finished report. */
    static Map<String, Double> metrics(List<String> names, double[] values) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            metrics.put(names.get(i), values[i]);
        }
        return metrics;
    }
}
