package dev.dendrite.tensor.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads the kernels split large products over, and how many of them to use.
 *
 * <p>The count defaults to the system property {@code dendrite.threads}, else the number of
 * available processors, and can be changed with {@link Gemm#setThreads}. Workers are daemon
 * threads, created on demand and retired after a minute idle, so an idle library holds none and
 * never keeps the JVM alive. Thread-safe.
 */
final class KernelThreads {
    private static volatile int threads = initialThreads();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "dendrite-kernel-" + NAMES.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private KernelThreads() {
    }

    static int threads() {
        return threads;
    }

    static void setThreads(int count) {
        threads = count;
    }

    /** Runs every task, the first on the calling thread, and returns when all have finished. */
    static void runAll(List<Runnable> tasks) {
        List<Future<?>> futures = new ArrayList<>(tasks.size());
        for (int t = 1; t < tasks.size(); t++) {
            futures.add(POOL.submit(tasks.get(t)));
        }
        Throwable failure = null;
        try {
            tasks.get(0).run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> future : futures) {
            // Wait even when interrupted: the workers are still writing into the caller's array.
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
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
}
