package dev.dendrite.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work done ahead by an idle kernel worker, one chunk at a time between the tasks it is given:
 * the next batch gathered while the current one trains. A worker that is handed a task finishes
 * the chunk it is on (a few microseconds) and runs the task, so the work ahead never holds up a
 * product. Whatever is left when the result is needed, {@link #await} does on the calling thread;
 * with one kernel thread, or no core to spare, all of it runs there.
 *
 * <p>Why: gathering a batch of 128 MNIST rows from random places in memory took about 90 µs a
 * step on one thread, a tenth of the MLP's step, while the worker waited for it: the step's
 * products cannot start before their input is there. Done ahead, it fills the gaps where only the
 * calling thread has work (the loss, the small products, the bookkeeping between ops).
 *
 * <p>The chunks must not depend on each other or on which thread runs them: each is run exactly
 * once, by a worker or by the caller. Nor may a chunk split work of its own over the kernel
 * threads (a large product or element-wise loop): a worker would hand that work to itself.
 * Thread-safe.
 */
public final class BackgroundWork {
    /** One chunk of the work. */
    @FunctionalInterface
    public interface Chunk {
        void run(int index);
    }

    private final int chunks;
    private final Chunk chunk;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private Throwable failure;
    private int failedChunk = Integer.MAX_VALUE;

    private BackgroundWork(int chunks, Chunk chunk) {
        this.chunks = chunks;
        this.chunk = chunk;
    }

    /**
     * Work of {@code chunks} chunks, offered to the kernel workers when there are two or more
     * kernel threads; else it waits for {@link #await}.
     */
    public static BackgroundWork start(int chunks, Chunk chunk) {
        BackgroundWork work = new BackgroundWork(chunks, chunk);
        if (chunks > 0 && KernelThreads.threads() >= 2) {
            KernelThreads.offer(work);
        }
        return work;
    }

    /** Runs the next chunk not yet taken; false when every chunk was taken. */
    boolean runOne() {
        int index = next.getAndIncrement();
        if (index >= chunks) {
            return false;
        }
        try {
            chunk.run(index);
        } catch (Throwable e) {
            synchronized (this) {
                if (index < failedChunk) {
                    failure = e;
                    failedChunk = index;
                }
            }
        } finally {
            finished.incrementAndGet();
        }
        return true;
    }

    /** Whether every chunk has been taken (some may still be running). */
    boolean allTaken() {
        return next.get() >= chunks;
    }

    /**
     * Returns once every chunk has run, running those no worker has taken on this thread; then
     * rethrows the failure of the first chunk that failed, if any.
     */
    public void await() {
        while (runOne()) {
            // this thread does what is left
        }
        while (finished.get() < chunks) {
            Thread.onSpinWait();
        }
        Throwable thrown;
        synchronized (this) {
            thrown = failure;
        }
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
    }
}
