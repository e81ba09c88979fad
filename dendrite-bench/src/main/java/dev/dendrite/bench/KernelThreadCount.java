package dev.dendrite.bench;

import dev.dendrite.tensor.kernel.Gemm;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code threads} parameter every benchmark here takes: the kernel thread count
 * ({@link Gemm#setThreads}) is set for the trial and restored after it.
 */
@State(Scope.Benchmark)
public abstract class KernelThreadCount {
    @Param({"1", "2"})
    public int threads;

    private int savedThreads;

    /** Sets the kernel thread count for this trial. */
    @Setup(Level.Trial)
    public void setThreads() {
        savedThreads = Gemm.threads();
        Gemm.setThreads(threads);
    }

    /** Restores the library's thread count. */
    @TearDown(Level.Trial)
    public void restoreThreads() {
        Gemm.setThreads(savedThreads);
    }
}
