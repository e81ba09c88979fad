package dev.dendrite.tensor.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads the kernels split large products over, and how many of them to use.
 *
 * <p>The count defaults to the system property {@code dendrite.threads}, else the number of
 * available processors, and can be changed with {@link Gemm#setThreads}.
 *
 * <p>Why workers spin: handing a task to a parked thread and parking until it finishes cost about
 * 70 µs per product on the 2-vCPU VMs we measure on (two wake-ups through the hypervisor), as long
 * as a whole 128x256x784 product on one core. So a worker that has just finished keeps polling for
 * its next task for {@link #SPIN_NANOS} before it parks, and the caller polls for the worker to
 * finish instead of parking: a hand-off then costs about a microsecond. In a training loop the
 * products come every few hundred microseconds, so the workers rarely park; like OpenMP's and
 * OpenBLAS's threads, they keep their cores busy while training runs and sleep soon after it stops.
 * A polling worker yields its core every few thousand polls, as a waiting caller does: while the
 * JIT still compiles (the first epochs of a run), its compiler threads then run in the worker's
 * idle moments instead of taking their time from a thread with work, which on two cores made the
 * first epoch of the MNIST MLP about a tenth faster.
 *
 * <p>Workers are daemon threads, created on first use and kept, so they never keep the JVM alive.
 * Only as many poll as there are cores beside the caller's; any beyond that (a thread count
 * set above the core count) park as soon as they are idle.
 * Callers on several threads at once share them: a task that finds no idle worker runs on its
 * caller. A worker the system has not scheduled when a call starts (a third process took its core
 * for a moment, which on these VMs happened on about one training step in ten) costs nothing: the
 * caller runs the tasks left over, and the late worker finds none.
 *
 * <p>While it polls with no task, a worker also runs work offered ahead ({@link BackgroundWork}),
 * one chunk at a time, looking for a task between chunks. Thread-safe.
 */
final class KernelThreads {
    /** How long an idle worker polls for its next task before parking. */
    static final long SPIN_NANOS = 2_000_000L;
    /** Polls (a few microseconds in all) for a worker that is just leaving its last call. */
    private static final int CLAIM_SPINS = 256;
    /** Polls between yields while a caller waits for its workers or a worker for its next task. */
    private static final int SPINS_PER_YIELD = 1 << 12;

    private static volatile int threads = initialThreads();
    private static volatile Worker[] workers = new Worker[0];
    /** Work ahead for an idle polling worker to do between tasks ({@link BackgroundWork}), or null. */
    private static final AtomicReference<Job> BACKGROUND = new AtomicReference<>();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private KernelThreads() {
    }

    static int threads() {
        return threads;
    }

    static void setThreads(int count) {
        threads = count;
    }

    /**
     * Runs every task and returns when all have finished. The calling thread runs the first; then
     * it and up to {@code threads() - 1} idle workers take the others in order from a shared
     * counter, each task whole by one thread, so a worker that the system has not scheduled yet
     * costs nothing: the caller runs its tasks instead. Once every task has stopped, the failure of
     * the first task that failed (in list order) is rethrown: the tasks write into the caller's arrays.
     */
    static void runAll(List<Runnable> tasks) {
        int count = tasks.size();
        if (count == 0) {
            return;
        }
        Job job = new Job(count, task -> tasks.get(task).run(), 1);
        Worker[] claimed = claim(Math.max(0, Math.min(count, threads) - 1));
        for (Worker worker : claimed) {
            if (worker != null) {
                worker.start(job);
            }
        }
        job.run(0);
        job.work();
        job.awaitFinished();
        job.rethrowFailure();
    }

    /**
     * Numbered tasks, the next one to take, and how many have finished: one call of
     * {@link #runAll}, or one piece of {@link BackgroundWork}. Any thread may take tasks; each
     * runs once, whole, on the thread that took it.
     */
    static final class Job {
        private final int count;
        private final IntConsumer body;
        private final AtomicInteger next;
        private final AtomicInteger finished = new AtomicInteger();
        private Throwable failure;
        private int failedTask = Integer.MAX_VALUE;

        /**
         * Tasks {@code 0..count-1}, run by {@code body}; those below {@code firstToTake} are run by
         * {@link #run} only.
         */
        Job(int count, IntConsumer body, int firstToTake) {
            this.count = count;
            this.body = body;
            this.next = new AtomicInteger(firstToTake);
        }

        /** Takes and runs tasks until none is left to take. */
        void work() {
            while (runNext()) {
                // this thread takes the next one
            }
        }

        /** Takes and runs the next task; false when none was left to take. */
        boolean runNext() {
            int task = next.getAndIncrement();
            if (task >= count) {
                return false;
            }
            run(task);
            return true;
        }

        void run(int task) {
            try {
                body.accept(task);
            } catch (Throwable e) {
                synchronized (this) {
                    if (task < failedTask) {
                        failure = e;
                        failedTask = task;
                    }
                }
            } finally {
                finished.incrementAndGet();
            }
        }

        /**
         * Once {@link #awaitFinished} has returned: rethrows the failure of the first task that
         * failed, in task order (the tasks write into the caller's arrays, so none is cut short).
         */
        void rethrowFailure() {
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
            if (thrown != null) {
                throw new IllegalStateException("a kernel task failed: " + thrown, thrown);
            }
        }

        /** Polls until every task has finished; tasks taken by other threads may still be running. */
        void awaitFinished() {
            int polls = 0;
            while (finished.get() < count) {
                pause(++polls);
            }
        }
    }

    /**
     * One poll's pause, and every {@link #SPINS_PER_YIELD}th a yield of the core: someone else may
     * need it (more callers than cores, or the JIT's compiler threads while a run warms up).
     */
    private static void pause(int polls) {
        Thread.onSpinWait();
        if (polls % SPINS_PER_YIELD == 0) {
            Thread.yield();
        }
    }

    /**
     * Whether work offered ahead ({@link #offer}) can run on a worker: two or more kernel threads,
     * and a core beside the caller's for a worker to poll on.
     */
    static boolean workAheadHelps() {
        return threads >= 2 && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Offers {@code work} to the polling workers, waking those that sleep. One piece of work is on
     * offer at a time: a newer offer replaces an older one, whose caller then does what is left of
     * it when it waits for it.
     */
    static void offer(Job work) {
        if (workers.length < 1) {
            grow(1);
        }
        BACKGROUND.set(work);
        for (Worker worker : workers) {
            if (worker.spinNanos > 0) {
                worker.wake();
            }
        }
    }

    /** Whether some polling worker is parked (for tests of waking one). */
    static boolean aPollingWorkerSleeps() {
        for (Worker worker : workers) {
            if (worker.spinNanos > 0 && worker.sleeping) {
                return true;
            }
        }
        return false;
    }

    /** Takes {@code work} off offer if it still is, so that nothing keeps it (and the arrays it writes) alive. */
    static void withdraw(Job work) {
        BACKGROUND.compareAndSet(work, null);
    }

    /** Up to {@code wanted} idle workers, starting more if fewer than that exist; null where none was free. */
    private static Worker[] claim(int wanted) {
        Worker[] claimed = new Worker[wanted];
        if (wanted == 0) {
            return claimed;
        }
        if (workers.length < wanted) {
            grow(wanted);
        }
        int found = 0;
        for (Worker worker : workers) {
            if (found == wanted) {
                break;
            }
            if (worker.tryClaim() || worker.tryClaimSoon()) {
                claimed[found++] = worker;
            }
        }
        return claimed;
    }

    private static synchronized void grow(int wanted) {
        Worker[] current = workers;
        if (current.length >= wanted) {
            return;
        }
        Worker[] larger = Arrays.copyOf(current, wanted);
        int processors = Runtime.getRuntime().availableProcessors();
        for (int w = current.length; w < wanted; w++) {
            // Only as many workers poll as there are cores beside the caller's: with more threads
            // than cores, polling workers would take the cores the callers need.
            larger[w] = new Worker("dendrite-kernel-" + NAMES.incrementAndGet(), w + 1 < processors);
        }
        workers = larger;
    }

    private static int initialThreads() {
        String property = System.getProperty("dendrite.threads");
        if (property != null) {
            try {
                int value = Integer.parseInt(property.trim());
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Fall through to the default: a bad property must not stop the library loading.
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * One worker thread and its hand-off slot. A caller claims it ({@link #tryClaim}) and gives it
     * a job ({@link #start}); the worker takes tasks from the job until none is left and then frees
     * itself, so the caller never waits for a worker that has not started. The volatile job field
     * orders the caller's writes before the worker's reads; the job's counters order the tasks'
     * writes before the caller returns.
     */
    private static final class Worker implements Runnable {
        private final AtomicInteger claim = new AtomicInteger();
        private final Thread thread;
        private final long spinNanos;
        private volatile Job job;
        private volatile boolean sleeping;

        Worker(String name, boolean polls) {
            spinNanos = polls ? SPIN_NANOS : 0;
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        boolean tryClaim() {
            return claim.get() == 0 && claim.compareAndSet(0, 1);
        }

        /**
         * Claims the worker if it frees itself within a few microseconds. A caller whose last call
         * has just returned often finds its worker still leaving that call: the caller returns
         * once every task has finished, the worker a moment later. Without this wait, one
         * parallel call in ten of the CNN's training step ran on the caller alone.
         */
        boolean tryClaimSoon() {
            for (int spin = 0; spin < CLAIM_SPINS; spin++) {
                Thread.onSpinWait();
                if (tryClaim()) {
                    return true;
                }
            }
            return false;
        }

        void start(Job work) {
            job = work;
            wake();
        }

        /**
         * Unparks the worker if it sleeps. It sets sleeping before its last look for work, so one
         * of the two sees the other.
         */
        void wake() {
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (true) {
                Job work = awaitJob();
                job = null;
                work.work();
                claim.set(0);
            }
        }

        /** Runs one chunk of the work on offer, if any is left; withdraws the offer once all is taken. */
        private static boolean runBackgroundChunk() {
            Job work = BACKGROUND.get();
            if (work == null) {
                return false;
            }
            if (work.runNext()) {
                return true;
            }
            BACKGROUND.compareAndSet(work, null);
            return false;
        }

        private Job awaitJob() {
            long spinUntil = System.nanoTime() + spinNanos;
            int polls = 0;
            while (true) {
                Job work = job;
                if (work != null) {
                    return work;
                }
                if (spinNanos > 0 && runBackgroundChunk()) {
                    spinUntil = System.nanoTime() + spinNanos;
                    continue;
                }
                if (System.nanoTime() - spinUntil < 0) {
                    pause(++polls);
                    continue;
                }
                sleeping = true;
                if (job == null && (BACKGROUND.get() == null || spinNanos == 0)) {
                    LockSupport.park(this);
                }
                sleeping = false;
                spinUntil = System.nanoTime() + spinNanos;
            }
        }
    }
}
