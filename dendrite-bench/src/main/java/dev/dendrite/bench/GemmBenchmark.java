package dev.dendrite.bench;

import dev.dendrite.tensor.kernel.Gemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per product of {@link Gemm#multiply} for square sizes and the shapes of a 784-256-128-10 MLP
 * trained on batches of 128 (forward {@code x·W}, and the backward forms {@code xᵀ·dY} and
 * {@code dY·Wᵀ}). GFLOP/s = 2·m·n·k / time. Run with
 * {@code java -cp "dendrite-bench/target/dendrite-bench.jar:dendrite-bench/target/lib/*" org.openjdk.jmh.Main
 * GemmBenchmark -p threads=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark extends KernelThreadCount {
    /** {@code MxNxK:FORM}, FORM being nn, tn (Aᵀ·B) or nt (A·Bᵀ). */
    @Param({"64x64x64:nn", "128x128x128:nn", "256x256x256:nn", "512x512x512:nn", "1024x1024x1024:nn",
        "2048x2048x2048:nn", "128x256x784:nn", "784x256x128:tn", "128x784x256:nt", "128x128x256:nn",
        "256x128x128:tn", "128x256x128:nt", "128x10x128:nn"})
    public String shape;


    private int m;
    private int n;
    private int k;
    private boolean transposeA;
    private boolean transposeB;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Parses the shape and fills the operands with seeded uniform values. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transposeA = parts[1].charAt(0) == 't';
        transposeB = parts[1].charAt(1) == 't';
        Random random = new Random(42);
        a = fill(random, m * k);
        b = fill(random, k * n);
        c = new float[m * n];
    }

    /** One product; C is returned so the JIT cannot drop the work. */
    @Benchmark
    public float[] multiply() {
        Gemm.multiply(m, n, k, a, 0, transposeA, b, 0, transposeB, c, 0, false);
        return c;
    }

    private static float[] fill(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }
}
