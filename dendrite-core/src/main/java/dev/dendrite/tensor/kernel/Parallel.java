package dev.dendrite.tensor.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range of independent items (images, planes, channels) over the kernel threads. Each
 * item is computed whole by one thread, so results never depend on the thread count.
 */
final class Parallel {
    /** Below this much work (in elements touched) a range stays on the calling thread. */
    static final long MIN_WORK = 1L << 15;

    private Parallel() {
    }

    /** Work on items {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, count)} in contiguous chunks, one per thread when worth it. */
    static void forEach(int count, long workPerItem, Range body) {
        int parts = (int) Math.min(Math.min(KernelThreads.threads(), count),
                Math.max(1, count * Math.max(1, workPerItem) / MIN_WORK));
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        List<Runnable> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) count * t / parts);
            int to = (int) ((long) count * (t + 1) / parts);
            tasks.add(() -> body.run(from, to));
        }
        KernelThreads.runAll(tasks);
    }
}
