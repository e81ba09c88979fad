package dev.dendrite.bench;

import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.MSE;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Tensor;
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
 * Time and allocation of one training step (zero the gradients, forward, loss, backward,
 * optimizer step) on a fixed batch, for the two networks the speed figures are quoted for:
 * {@code mnist} is the 784-256-128-10 ReLU MLP with cross-entropy on a batch of 128, and
 * {@code regression} the article series' 1-32-32-16-16-1 sigmoid/tanh network with MSE on a batch
 * of 50. Run with
 * {@code java -cp "dendrite-bench/target/dendrite-bench.jar:dendrite-bench/target/lib/*" org.openjdk.jmh.Main
 * TrainingStepBenchmark -p threads=1 -prof gc} ({@code gc.alloc.rate.norm} is the bytes allocated per step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainingStepBenchmark extends KernelThreadCount {
    /** {@code mnist} or {@code regression}. */
    @Param({"mnist", "regression"})
    public String network;

    /** {@code adam} or {@code sgd}. */
    @Param({"adam", "sgd"})
    public String optimizer;


    private Sequential model;
    private Loss loss;
    private Optimizer step;
    private Tensor features;
    private Tensor targets;

    /** Builds the network and one seeded batch. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        boolean mnist = network.equals("mnist");
        model = MlpSpec.parse(mnist ? "mlp:784-256-128-10:relu" : "mlp:1-32-32-16-16-1:sigmoid:tanh").build(random);
        int rows = mnist ? 128 : 50;
        if (mnist) {
            features = Tensor.uniform(random, 0f, 1f, rows, 784);
            float[] labels = new float[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = random.nextInt(10);
            }
            targets = Tensor.wrap(labels, rows);
            loss = new CrossEntropy();
        } else {
            features = Tensor.uniform(random, -100f, 100f, rows, 1);
            targets = Tensor.uniform(random, 0f, 1f, rows, 1);
            loss = new MSE();
        }
        step = optimizer.equals("adam") ? new Adam(model.parameters(), 1e-3) : new SGD(model.parameters(), 0.01);
    }

    /** One step; the loss is returned so the JIT cannot drop the work. */
    @Benchmark
    public float trainStep() {
        step.zeroGrad();
        Tensor value = loss.compute(model.forward(features), targets);
        float result = value.item();
        value.backward();
        step.step();
        return result;
    }
}
