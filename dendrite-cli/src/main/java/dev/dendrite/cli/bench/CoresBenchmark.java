package dev.dendrite.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite bench cores}: how close two of the machine's processors are, as the kernel
 * threads see them. Two threads pass one cache line back and forth (the round trip of a hand-off),
 * then take turns updating one array (the rate at which a core reads and writes data the other
 * core wrote last), against one thread updating it twice in a row.
 *
 * <p>Why: on the 2-vCPU VMs we measure on, the second core's gain in a training step varied
 * between runs with these figures more than with anything in the code: processors that share a
 * cache pass a line in about a hundred nanoseconds, processors on different dies in several
 * hundred. A benchmark run that records them can be read against them.
 */
@Command(name = "cores", mixinStandardHelpOptions = true,
        description = "Round trip of a cache line between two threads and the rate of handing an array between them.",
        footer = {"", "Needs two processors: two threads spin at once.", "", "Example:",
            "  dendrite bench cores --json cores.json"})
final class CoresBenchmark implements Callable<Integer> {
    /** Floats in the handed array: 512 KiB, between the MLP's activations and its input batch at batch 128. */
    static final int HANDED_FLOATS = 1 << 17;

    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds of each measure; the median is reported. "
            + "Default: ${DEFAULT-VALUE}.")
    int rounds = 5;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        BenchCommand.require(spec, rounds >= 1, "--rounds: expected at least 1, got " + rounds);
        int processors = Runtime.getRuntime().availableProcessors();
        BenchCommand.require(spec, processors >= 2, "needs two processors (two threads spin at once), found "
                + processors);
        Figures figures = measure(rounds, 100_000, 200);
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchCommand.header());
        out.println(String.format(Locale.ROOT, "cores round_trip_ns=%.0f handoff_gb_per_s=%.1f own_gb_per_s=%.1f",
                figures.roundTripNanos, figures.handoffGbPerSecond, figures.ownGbPerSecond));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"cores\", \"java\": \"%s\", "
                    + "\"processors\": %d, \"roundTripNanoseconds\": %.1f, \"handoffGbPerSecond\": %.2f, "
                    + "\"ownGbPerSecond\": %.2f}%n", Runtime.version(), processors, figures.roundTripNanos,
                    figures.handoffGbPerSecond, figures.ownGbPerSecond), StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** The medians of {@code rounds} rounds: {@code trips} round trips, {@code passes} passes over the array. */
    static Figures measure(int rounds, int trips, int passes) throws InterruptedException {
        double[] roundTrips = new double[rounds];
        double[] handoffs = new double[rounds];
        double[] owns = new double[rounds];
        roundTrip(trips); // warm-up: the JIT compiles the loops
        handoff(passes, true);
        handoff(passes, false);
        for (int round = 0; round < rounds; round++) {
            roundTrips[round] = roundTrip(trips);
            handoffs[round] = handoff(passes, true);
            owns[round] = handoff(passes, false);
        }
        return new Figures(median(roundTrips), median(handoffs), median(owns));
    }

    /** Nanoseconds per round trip of one counter between this thread and another. */
    private static double roundTrip(int trips) throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        Thread partner = startPartner(counter, () -> {
            for (long i = 0; i < trips; i++) {
                awaitValue(counter, 2 * i + 1);
                counter.set(2 * i + 2);
            }
        });
        long start = System.nanoTime();
        for (long i = 0; i < trips; i++) {
            counter.set(2 * i + 1);
            awaitValue(counter, 2 * i + 2);
        }
        long elapsed = System.nanoTime() - start;
        partner.join();
        return (double) elapsed / trips;
    }

    /**
     * GB/s read and written by {@code passes} passes over one array, each updating every element:
     * taking turns between this thread and another ({@code handed}), or all on this thread.
     */
    private static double handoff(int passes, boolean handed) throws InterruptedException {
        float[] values = new float[HANDED_FLOATS];
        AtomicLong turn = new AtomicLong();
        Thread partner = !handed ? null : startPartner(turn, () -> {
            for (long pass = 1; pass < passes; pass += 2) {
                awaitValue(turn, pass);
                update(values, 1f);
                turn.set(pass + 1);
            }
        });
        long start = System.nanoTime();
        for (long pass = 0; pass < passes; pass++) {
            if (handed && pass % 2 == 1) {
                turn.set(pass);
                awaitValue(turn, pass + 1);
            } else {
                update(values, 0f);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (partner != null) {
            partner.join();
        }
        return 2.0 * Float.BYTES * HANDED_FLOATS * passes / elapsed;
    }

    /**
     * Starts {@code body} on a daemon thread and returns once that thread runs, so that the clock
     * starts with both threads going; {@code signal} is 0 then, as the body expects.
     */
    private static Thread startPartner(AtomicLong signal, Runnable body) {
        signal.set(-1);
        Thread partner = new Thread(() -> {
            signal.set(0);
            body.run();
        }, "dendrite-bench-cores");
        partner.setDaemon(true);
        partner.start();
        awaitValue(signal, 0);
        return partner;
    }

    private static void awaitValue(AtomicLong signal, long value) {
        while (signal.get() != value) {
            Thread.onSpinWait();
        }
    }

    private static void update(float[] values, float add) {
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] * 0.5f + add;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Nanoseconds per round trip; GB/s handed between two threads and on one. */
    record Figures(double roundTripNanos, double handoffGbPerSecond, double ownGbPerSecond) {
    }
}
