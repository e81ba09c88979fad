package dev.dendrite.cli.bench;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.VectorSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench cnn}: training and inference speed of the reference convolutional network,
 * Conv(1→32, 3×3) ReLU MaxPool2 → Conv(32→64, 3×3) ReLU MaxPool2 → Flatten → Dense(1600→128) ReLU
 * → Dense(128→10), on seeded random 1×28×28 images in batches of 64.
 *
 * <p>Training is plain SGD (learning rate 0.01) on cross-entropy: zero the gradients, forward,
 * loss, backward, step, which is exactly what the PyTorch script in {@code bench/compare-cnn.sh}
 * times. Inference is a forward pass of a batch of 64 in evaluation mode without gradients. Each
 * half is warmed up first (the JIT compiles the kernels), then timed in several rounds; the best
 * round is reported, which damps noise from other processes.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true,
        description = "Training and inference speed of the reference CNN (two conv layers), batch 64.",
        footer = {"", "Prints 'cnn seconds_per_10k=... images_per_second=...' (training, SGD lr 0.01) and",
            "'cnn_inference images_per_second=...' (forward only, batch 64).",
            "", "Examples:", "  dendrite bench cnn --threads 2", "  dendrite bench cnn --threads 1 --json cnn.json"})
final class CnnBenchmark implements Callable<Integer> {
    /** The reference network, in the layer-list grammar of {@code --model}. */
    static final String NETWORK = "conv:32:3,relu,maxpool:2,conv:64:3,relu,maxpool:2,flatten,dense:128,relu,dense:10";

    private static final int BATCH = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads. Default: the library default.")
    Integer threads;

    @Option(names = "--samples", paramLabel = "N",
            description = "Images per timed training round. Default: ${DEFAULT-VALUE}.")
    int samples = 10_240;

    @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds; the best is kept. Default: ${DEFAULT-VALUE}.")
    int rounds = 3;

    @Option(names = "--warmup-batches", paramLabel = "N",
            description = "Untimed batches before each half. Default: ${DEFAULT-VALUE}.")
    int warmupBatches = 60;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        BenchCommand.require(spec, samples >= BATCH, "--samples: expected at least " + BATCH + ", got " + samples);
        BenchCommand.require(spec, rounds >= 1, "--rounds: expected at least 1, got " + rounds);
        BenchCommand.require(spec, warmupBatches >= 0, "--warmup-batches: expected at least 0, got " + warmupBatches);
        int count = BenchCommand.threadCount(spec, threads);
        int batches = samples / BATCH;
        Tensor[] images = new Tensor[8];
        Tensor[] labels = new Tensor[images.length];
        Random random = new Random(42);
        for (int i = 0; i < images.length; i++) {
            images[i] = Tensor.uniform(random, 0f, 1f, BATCH, 1, 28, 28);
            float[] classes = new float[BATCH];
            for (int j = 0; j < BATCH; j++) {
                classes[j] = random.nextInt(10);
            }
            labels[i] = Tensor.wrap(classes, BATCH);
        }
        Module model = LayerList.parse(NETWORK).build(new int[] {1, 28, 28}, new Random(42));
        int savedThreads = Gemm.threads();
        double trainSeconds;
        double inferSeconds;
        try {
            Gemm.setThreads(count);
            trainSeconds = bestTrainingRound(model, images, labels, batches);
            inferSeconds = bestInferenceRound(model, images, batches);
        } finally {
            Gemm.setThreads(savedThreads);
        }
        report(count, batches * BATCH, trainSeconds, inferSeconds);
        return 0;
    }

    /** Seconds of the fastest of {@link #rounds} rounds of {@code batches} SGD steps. */
    private double bestTrainingRound(Module model, Tensor[] images, Tensor[] labels, int batches) {
        model.train();
        Optimizer sgd = Optimizers.create("sgd", model.parameters(), 0.01);
        CrossEntropy loss = new CrossEntropy();
        float sink = 0;
        for (int i = 0; i < warmupBatches; i++) {
            sink += trainStep(model, sgd, loss, images[i % images.length], labels[i % labels.length]);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                sink += trainStep(model, sgd, loss, images[i % images.length], labels[i % labels.length]);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        if (!Float.isFinite(sink)) {
            throw new IllegalStateException("bench cnn: expected finite losses, got " + sink);
        }
        return best;
    }

    private static float trainStep(Module model, Optimizer sgd, CrossEntropy loss, Tensor images, Tensor labels) {
        sgd.zeroGrad();
        Tensor value = loss.compute(model.forward(images), labels);
        value.backward();
        sgd.step();
        return value.item();
    }

    /** Seconds of the fastest of {@link #rounds} rounds of {@code batches} forward passes. */
    private double bestInferenceRound(Module model, Tensor[] images, int batches) {
        model.eval();
        float sink = 0;
        double best = Double.MAX_VALUE;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < warmupBatches; i++) {
                sink += model.forward(images[i % images.length]).data()[0];
            }
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < batches; i++) {
                    sink += model.forward(images[i % images.length]).data()[0];
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
        }
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("bench cnn: expected finite outputs, got NaN");
        }
        return best;
    }

    private void report(int threadCount, int images, double trainSeconds, double inferSeconds) throws IOException {
        double perTenK = trainSeconds * 10_000 / images;
        double trainRate = images / trainSeconds;
        double inferRate = images / inferSeconds;
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchCommand.header());
        out.println(String.format(Locale.ROOT, "cnn threads=%d seconds_per_10k=%.3f images_per_second=%.0f",
                threadCount, perTenK, trainRate));
        out.println(String.format(Locale.ROOT, "cnn_inference threads=%d images_per_second=%.0f", threadCount, inferRate));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"cnn\", \"java\": \"%s\", "
                    + "\"vectorApi\": %b, \"model\": \"%s\", \"batch\": %d, \"optimizer\": \"sgd\", "
                    + "\"learningRate\": 0.01, \"threads\": %d, \"imagesPerRound\": %d, \"rounds\": %d, "
                    + "\"secondsPer10k\": %.4f, \"trainImagesPerSecond\": %.1f, \"inferenceImagesPerSecond\": %.1f}%n",
                    Runtime.version(), VectorSupport.available(), NETWORK, BATCH, threadCount, images, rounds,
                    perTenK, trainRate, inferRate), StandardCharsets.UTF_8);
        }
    }
}
