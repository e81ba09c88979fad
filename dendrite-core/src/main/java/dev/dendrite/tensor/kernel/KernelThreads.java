package dev.dendrite.tensor.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
 *
 * <p>Workers are daemon threads, created on first use and kept, so they never keep the JVM alive.
 * Only as many poll as there are cores beside the caller's; any beyond that (a thread count
 * set above the core count) park as soon as they are idle.
 * Callers on several threads at once share them: a task that finds no idle worker runs on its
 * caller. Thread-safe.
 */
final class KernelThreads {
    /** How long an idle worker polls for its next task before parking. */
    static final long SPIN_NANOS = 2_000_000L;
    /** Polls between yields while a caller waits for its workers. */
    private static final int SPINS_PER_YIELD = 1 << 12;

    private static volatile int threads = initialThreads();
    private static volatile Worker[] workers = new Worker[0];
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
     * Runs every task, the first on the calling thread and the others on idle workers (or on the
     * calling thread when none is idle), and returns when all have finished. The first failure is
     * rethrown once every task has stopped: the workers write into the caller's arrays.
     */
    static void runAll(List<Runnable> tasks) {
        int count = tasks.size();
        Worker[] claimed = claim(count - 1);
        for (int t = 1; t < count; t++) {
            if (claimed[t - 1] != null) {
                claimed[t - 1].start(tasks.get(t));
            }
        }
        Throwable failure = runHere(tasks.get(0), null);
        for (int t = 1; t < count; t++) {
            if (claimed[t - 1] == null) {
                failure = runHere(tasks.get(t), failure);
            }
        }
        for (Worker worker : claimed) {
            if (worker != null) {
                Throwable thrown = worker.awaitAndRelease();
                failure = failure == null ? thrown : failure;
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    private static Throwable runHere(Runnable task, Throwable failure) {
        try {
            task.run();
            return failure;
        } catch (RuntimeException | Error e) {
            return failure == null ? e : failure;
        }
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
            if (worker.tryClaim()) {
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
     * One worker thread and its hand-off slot. A caller claims it ({@link #tryClaim}), gives it a task
     * ({@link #start}) and waits for it ({@link #awaitAndRelease}); the volatile fields order the
     * writes of the task before the worker's reads and the worker's results before the caller's.
     */
    private static final class Worker implements Runnable {
        private final AtomicInteger claim = new AtomicInteger();
        private final Thread thread;
        private final long spinNanos;
        private volatile Runnable task;
        private volatile boolean done;
        private volatile boolean sleeping;
        private Throwable failure;

        Worker(String name, boolean polls) {
            spinNanos = polls ? SPIN_NANOS : 0;
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        boolean tryClaim() {
            return claim.get() == 0 && claim.compareAndSet(0, 1);
        }

        void start(Runnable work) {
            done = false;
            task = work;
            // The worker sets sleeping before its last look at task, so one of the two sees the other.
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        /** Waits for the task to finish, frees the worker and returns what the task threw, if anything. */
        Throwable awaitAndRelease() {
            int spins = 0;
            while (!done) {
                Thread.onSpinWait();
                if (++spins % SPINS_PER_YIELD == 0) {
                    // Someone else may need this core (more callers than cores): let them run.
                    Thread.yield();
                }
            }
            Throwable thrown = failure;
            failure = null;
            claim.set(0);
            return thrown;
        }

        @Override
        public void run() {
            while (true) {
                Runnable work = awaitTask();
                task = null;
                try {
                    work.run();
                } catch (Throwable e) {
                    failure = e;
                }
                done = true;
            }
        }

        private Runnable awaitTask() {
            long spinUntil = System.nanoTime() + spinNanos;
            while (true) {
                Runnable work = task;
                if (work != null) {
                    return work;
                }
                if (System.nanoTime() - spinUntil < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                if (task == null) {
                    LockSupport.park(this);
                }
                sleeping = false;
                spinUntil = System.nanoTime() + spinNanos;
            }
        }
    }
}
