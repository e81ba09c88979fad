package dev.dendrite.tensor.kernel;

/**
 * Work done ahead by an idle kernel worker, one chunk at a time between the tasks it is given:
 * the next batch gathered while the current one trains. A worker that is handed a task finishes
 * the chunk it is on and runs the task, so a chunk should take a few microseconds. Whatever is
 * left when the result is needed, {@link #await} does on the calling thread; with one kernel
 * thread, or no core to spare ({@link #available}), all of it runs there.
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
        /** Does chunk {@code index}, independently of every other chunk. */
        void run(int index);
    }

    private final KernelThreads.Job job;

    private BackgroundWork(KernelThreads.Job job) {
        this.job = job;
    }

    /** Whether work started now can run on a worker: two or more kernel threads and a core to spare. */
    public static boolean available() {
        return KernelThreads.workAheadHelps();
    }

    /**
     * Work of {@code chunks} chunks, offered to the kernel workers when {@link #available}; else
     * it waits for {@link #await}.
     */
    public static BackgroundWork start(int chunks, Chunk chunk) {
        BackgroundWork work = new BackgroundWork(new KernelThreads.Job(chunks, chunk::run, 0));
        if (chunks > 0 && available()) {
            KernelThreads.offer(work.job);
        }
        return work;
    }

    /**
     * Returns once every chunk has run, running those no worker has taken on this thread; then
     * rethrows the failure of the first chunk that failed, if any.
     */
    public void await() {
        job.work();
        job.awaitFinished();
        KernelThreads.withdraw(job);
        job.rethrowFailure();
    }
}
