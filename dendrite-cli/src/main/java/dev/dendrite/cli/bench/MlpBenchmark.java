package dev.dendrite.cli.bench;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Mnist;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.VectorSupport;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench mlp}: seconds per training epoch of the MNIST MLP (batch 128, 60 000
 * samples, cross-entropy), through the same {@link Trainer} that {@code dendrite train} uses.
 * The first {@code --warmup-epochs} epochs warm the JIT up and are not counted; the best of the
 * following epochs is reported, and the warm-up's seconds beside it.
 *
 * <p>Why three: on two cores the JIT's compiler threads take their time from the training
 * threads, and the methods called once a step (the layers' forward, the optimizer's step) reach
 * the JIT's last tier only after a few thousand steps. Measured on the 2-vCPU VMs (twelve epochs,
 * five runs), the 2-thread epochs got faster for about five epochs, most of it in the first three,
 * while the 1-thread ones were flat from the second, the compiler then having the idle core. One
 * warm-up epoch compared 1 and 2 threads at different stages of the warm-up. The JSON lists every
 * epoch's seconds, warm-up included ({@code everyEpochSeconds}), so the curve can be read again.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true,
        description = "Seconds per training epoch of the 784-256-128-10 ReLU MLP, batch 128.",
        footer = {"", "Without --mnist the data are 60 000 seeded random MNIST-shaped samples.",
            "", "Examples:", "  dendrite bench mlp --optimizer sgd --threads 1",
            "  dendrite bench mlp --mnist ~/.dendrite/data/mnist --epochs 3 --json mlp.json"})
final class MlpBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "adam (learning rate 1e-3) or sgd (0.01). Default: ${DEFAULT-VALUE}.")
    String optimizer = "adam";

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads. Default: the library default.")
    Integer threads;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Timed epochs after the warm-up epochs. Default: ${DEFAULT-VALUE}.")
    int epochs = 3;

    @Option(names = "--warmup-epochs", paramLabel = "W",
            description = "Epochs run first and not timed. Default: ${DEFAULT-VALUE}.")
    int warmupEpochs = 3;

    @Option(names = "--samples", paramLabel = "N",
            description = "Random samples per epoch (ignored with --mnist). Default: ${DEFAULT-VALUE}.")
    int samples = 60_000;

    @Option(names = "--mnist", paramLabel = "DIR", description = "Train on the MNIST training set in DIR.")
    Path mnist;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        String name = optimizer.toLowerCase(Locale.ROOT);
        BenchCommand.require(spec, Optimizers.names().contains(name), "--optimizer: expected one of "
                + String.join(", ", Optimizers.names()) + ", got '" + optimizer + "'");
        BenchCommand.require(spec, epochs >= 1, "--epochs: expected at least 1, got " + epochs);
        BenchCommand.require(spec, samples >= 1, "--samples: expected at least 1, got " + samples);
        BenchCommand.require(spec, warmupEpochs >= 0, "--warmup-epochs: expected at least 0, got " + warmupEpochs);
        BenchCommand.require(spec, (long) warmupEpochs + epochs <= 100_000, "--warmup-epochs and --epochs: expected "
                + "at most 100000 in all, got " + ((long) warmupEpochs + epochs));
        int count = BenchCommand.threadCount(spec, threads);
        Dataset data = mnist != null ? Mnist.load(mnist, true) : randomMnist(samples, 42);
        Module model = MlpSpec.parse(BenchCommand.MLP).build(new Random(42));
        Optimizer step = Optimizers.create(name, model.parameters(), null);
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), step)
                .epochs(warmupEpochs + epochs).batchSize(128).seed(42).progress(null).build();
        History history = BenchCommand.fit(trainer, data, count);
        double warmupSeconds = BenchCommand.warmupSeconds(history, warmupEpochs);
        double best = history.epochs().stream().skip(warmupEpochs).mapToDouble(EpochRecord::seconds).min()
                .orElseThrow();
        double rate = data.size() / best;
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchCommand.header());
        out.println(String.format(Locale.ROOT, "mlp optimizer=%s threads=%d epoch_seconds=%.3f samples_per_second=%.0f "
                + "warmup_epochs=%d warmup_seconds=%.2f", name, count, best, rate, warmupEpochs, warmupSeconds));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"mlp\", \"java\": \"%s\", "
                    + "\"vectorApi\": %b, \"model\": \"%s\", \"data\": \"%s\", \"samples\": %d, \"batch\": 128, "
                    + "\"optimizer\": \"%s\", \"threads\": %d, \"epochSeconds\": %.4f, \"samplesPerSecond\": %.1f, "
                    + "\"warmupEpochs\": %d, \"warmupSeconds\": %.3f, \"everyEpochSeconds\": [%s]}%n",
                    Runtime.version(), VectorSupport.available(), BenchCommand.MLP, mnist != null ? "mnist" : "random",
                    data.size(), name, count, best, rate, warmupEpochs, warmupSeconds, everyEpoch(history)),
                    StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** Every epoch's seconds, warm-up included, in order: how the JIT's warm-up shows epoch by epoch. */
    private static String everyEpoch(History history) {
        return history.epochs().stream().map(epoch -> String.format(Locale.ROOT, "%.4f", epoch.seconds()))
                .collect(Collectors.joining(", "));
    }

    /** {@code samples} rows of 784 uniform pixels in [0, 1) with uniform labels 0-9. */
    static Dataset randomMnist(int samples, long seed) {
        Random random = new Random(seed);
        Tensor features = Tensor.uniform(random, 0f, 1f, samples, 784);
        float[] labels = new float[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = random.nextInt(10);
        }
        return Dataset.classification("random-mnist", features, Tensor.wrap(labels, samples), 10);
    }
}
