package dev.dendrite.bench;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.ActivationKernels;
import dev.dendrite.tensor.kernel.AdamUpdate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per call of the element-wise work in one training step of the 784-256-128-10 MLP at batch
 * 128: activations and their gradients over a hidden layer's 128x256 outputs, the bias add (a
 * broadcast), softmax cross-entropy over the 128x10 logits, and one Adam update of the first
 * layer's 200 704 weights. Run with
 * {@code java -cp "dendrite-bench/target/dendrite-bench.jar:dendrite-bench/target/lib/*" org.openjdk.jmh.Main
 * ElementwiseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark extends KernelThreadCount {

    private float[] hidden;
    private float[] upstream;
    private float[] out;
    private Tensor activations;
    private Tensor bias;
    private Tensor logits;
    private Tensor labels;
    private final CrossEntropy crossEntropy = new CrossEntropy();
    private float[] weights;
    private float[] gradient;
    private float[] firstMoment;
    private float[] secondMoment;

    /** Seeded operands of the MLP's shapes. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        activations = Tensor.uniform(random, -1f, 1f, 128, 256);
        hidden = activations.data();
        upstream = Tensor.uniform(random, -1f, 1f, 128, 256).data();
        out = new float[hidden.length];
        bias = Tensor.uniform(random, -1f, 1f, 256);
        logits = Tensor.uniform(random, -5f, 5f, 128, 10);
        float[] classes = new float[128];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = random.nextInt(10);
        }
        labels = Tensor.wrap(classes, 128);
        weights = Tensor.uniform(random, -0.1f, 0.1f, 784 * 256).data();
        gradient = Tensor.uniform(random, -0.01f, 0.01f, 784 * 256).data();
        firstMoment = new float[weights.length];
        secondMoment = new float[weights.length];
    }

    @Benchmark
    public float[] relu() {
        ActivationKernels.relu(hidden, out);
        return out;
    }

    @Benchmark
    public float[] reluGradient() {
        ActivationKernels.reluGradient(hidden, upstream, out);
        return out;
    }

    @Benchmark
    public float[] sigmoid() {
        ActivationKernels.sigmoid(hidden, out);
        return out;
    }

    @Benchmark
    public float[] tanh() {
        ActivationKernels.tanh(hidden, out);
        return out;
    }

    /** {@code [128, 256] + [256]}, through the tensor API with its broadcast. */
    @Benchmark
    public Tensor biasAdd() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return activations.add(bias);
        }
    }

    /** Softmax and cross-entropy, fused, forward only. */
    @Benchmark
    public float softmaxCrossEntropy() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return crossEntropy.compute(logits, labels).item();
        }
    }

    /** One Adam step over 200 704 weights (split over the kernel threads when there are two). */
    @Benchmark
    public float[] adamUpdate() {
        AdamUpdate.apply(weights, gradient, firstMoment, secondMoment, 0.9f, 0.1f, 0.999f, 0.001f,
                1e-3f, 1f, 1e-8f, 0f, 1f);
        return weights;
    }
}
