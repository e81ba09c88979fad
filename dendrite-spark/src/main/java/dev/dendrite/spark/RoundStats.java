package dev.dendrite.spark;

import java.util.Locale;

/**
 * Where the time of a run's rounds went, summed: making the broadcast of the weights, the Spark job
 * (scheduling, tasks, fetching the results), the driver's sum and update, and the slowest task's
 * own compute. Overhead per round = round time minus the slowest task's compute. Mutable; the
 * trainer adds to it from one thread.
 */
public final class RoundStats {
    private long rounds;
    private long broadcastNanos;
    private long jobNanos;
    private long applyNanos;
    private long computeNanos;

    void add(long broadcast, long job, long apply, long compute) {
        rounds++;
        broadcastNanos += broadcast;
        jobNanos += job;
        applyNanos += apply;
        computeNanos += compute;
    }

    /** Rounds run so far. */
    public long rounds() {
        return rounds;
    }

    /** Mean milliseconds per round: whole round. */
    public double roundMillis() {
        return per(broadcastNanos + jobNanos + applyNanos);
    }

    /** Mean milliseconds per round spent by the slowest task computing. */
    public double computeMillis() {
        return per(computeNanos);
    }

    /** Mean milliseconds per round that are not the slowest task's compute. */
    public double overheadMillis() {
        return roundMillis() - computeMillis();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d rounds: %.2f ms/round = broadcast %.2f + job %.2f (slowest task "
                + "computes %.2f) + driver sum and update %.2f; overhead %.2f ms/round", rounds, roundMillis(),
                per(broadcastNanos), per(jobNanos), computeMillis(), per(applyNanos), overheadMillis());
    }

    private double per(long nanos) {
        return rounds == 0 ? 0 : nanos / 1e6 / rounds;
    }
}
