package dev.dendrite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a file loader on hostile input and checks that the outcome is one of the two allowed ones:
 * a value, or the loader's documented exception with a message that names the file. Anything else
 * fails the test: another exception or error (NegativeArraySizeException, an index exception,
 * NumberFormatException, OutOfMemoryError), a hang, or allocating far more than the input's size.
 *
 * <p>The load runs on a worker thread so that a hang ends in a failure after {@link #TIMEOUT_SECONDS}
 * instead of stalling the build; the worker's allocation counter bounds the memory the load asked
 * for, so a loader that trusts a declared size is caught even when the heap could hold it.
 * Thread-safe; loads run one at a time.
 */
public final class LoaderFuzz {
    /** A load that has not returned after this long counts as a hang. */
    public static final long TIMEOUT_SECONDS = 60;
    /** What any load may allocate regardless of its input: read buffers, parser tables, class loading. */
    private static final long FIXED_ALLOWANCE = 32L << 20;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "loader-fuzz");
        thread.setDaemon(true);
        return thread;
    });

    private LoaderFuzz() {
    }

    /** A loader under test. */
    @FunctionalInterface
    public interface Load<T> {
        /** Loads the input. */
        T load() throws Exception;
    }

    /**
     * What a load gave: exactly one of {@code value} and {@code refusal} is non-null.
     *
     * @param value   the loaded value, or null when refused
     * @param refusal the documented exception, or null when loaded
     */
    public record Outcome<T>(T value, IOException refusal) {
        /** Whether the load succeeded. */
        public boolean loaded() {
            return refusal == null;
        }
    }

    /**
     * Runs {@code load} and checks its outcome.
     *
     * @param refusalType      the one exception type the loader documents for bad content
     * @param file             the input, which a refusal's message must name
     * @param bytesPerInputByte how much the load may allocate per byte of input, beyond a fixed allowance
     * @param inputBytes       the input's size (for a compressed file, its uncompressed size if larger)
     * @param mutation         what was done to the input, for failure messages
     */
    public static <T> Outcome<T> attempt(Load<T> load, Class<? extends IOException> refusalType, Path file,
            long bytesPerInputByte, long inputBytes, String mutation) {
        Future<Measured<T>> future = WORKER.submit(() -> measure(load));
        Measured<T> measured;
        try {
            measured = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return fail(mutation + ": the load did not finish within " + TIMEOUT_SECONDS + " s (a hang?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        } catch (ExecutionException e) {
            return fail(mutation + ": the fuzz worker failed", e.getCause());
        }
        long budget = FIXED_ALLOWANCE + bytesPerInputByte * inputBytes;
        assertTrue(measured.allocated <= budget, mutation + ": the load allocated " + measured.allocated
                + " bytes for an input of " + inputBytes + " bytes (allowed " + budget + ")");
        Throwable thrown = measured.thrown;
        if (thrown == null) {
            return new Outcome<>(measured.value, null);
        }
        if (!refusalType.isInstance(thrown)) {
            return fail(mutation + ": expected a value or a " + refusalType.getSimpleName() + ", got " + thrown,
                    thrown);
        }
        String message = thrown.getMessage();
        // "<file>: what is wrong", or "<file> line 7: ..." for text formats.
        assertTrue(message != null && message.startsWith(file.toString()) && message.length() > file.toString().length() + 2,
                mutation + ": expected a message that starts with the file and says what is wrong, got " + message);
        return new Outcome<>(null, (IOException) thrown);
    }

    private static <T> Measured<T> measure(Load<T> load) {
        com.sun.management.ThreadMXBean threads = threadBean();
        long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        T value = null;
        Throwable thrown = null;
        try {
            value = load.load();
        } catch (Throwable e) {
            thrown = e;
        }
        long allocated = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes() - before;
        return new Measured<>(value, thrown, allocated);
    }

    /** The allocation counter, or null where the JVM does not offer one (the bound is then not checked). */
    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean;
        }
        return null;
    }

    private record Measured<T>(T value, Throwable thrown, long allocated) {
    }
}
