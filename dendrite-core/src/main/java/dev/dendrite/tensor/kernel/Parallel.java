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

    /**
     * Chunks per thread. The threads take chunks in turn until none are left, so a thread that
     * starts late (a worker waking from a park, or one whose core another process has) takes fewer,
     * where with one chunk each the caller finished its half and then waited for the other: 14% of
     * the caller's time in the CNN's training step.
     */
    static final int CHUNKS_PER_THREAD = 4;

    /** Runs {@code body} over {@code [0, count)} in contiguous chunks over the threads, when worth it. */
    static void forEach(int count, long workPerItem, Range body) {
        int threads = KernelThreads.threads();
        int parts = (int) Math.min(Math.min((long) threads * CHUNKS_PER_THREAD, count),
                Math.max(1, count * Math.max(1, workPerItem) / MIN_WORK));
        if (threads <= 1 || parts <= 1) {
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
