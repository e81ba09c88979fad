package dev.dendrite.cli.bench;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.PiecewiseLinear;
import dev.dendrite.loss.MSE;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizers;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench small}: microseconds per training step of the series' small regression
 * network (1-32-32-16-16-1, sigmoid between the layers and tanh at the end, MSE, Adam at 0.01,
 * batches of 50 of the 2000 piecewise-linear points), through the same {@link Trainer} that
 * {@code dendrite train} uses. Its products are too small to split over threads, so a step is
 * mostly the cost of everything around the arithmetic: this case measures that overhead.
 *
 * <p>The first {@code --warmup-epochs} epochs are not counted; the figure is the mean over the
 * timed epochs (an epoch is only 40 steps, about a millisecond, so the best one would flatter).
 * The command {@code dendrite train} with the same network adds the JVM's start, the JIT's
 * warm-up and the report, which this case leaves out on purpose.
 */
@Command(name = "small", mixinStandardHelpOptions = true,
        description = "Microseconds per training step of the small 1-32-32-16-16-1 sigmoid/tanh network, batch 50.",
        footer = {"", "Example:", "  dendrite bench small --threads 1 --json small.json"})
final class SmallNetworkBenchmark implements Callable<Integer> {
    /** The series' small network, as {@code dendrite train --model} writes it. */
    static final String MODEL = "mlp:1-32-32-16-16-1:sigmoid:tanh";
    static final int BATCH = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads. Default: the library default.")
    Integer threads;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Timed epochs (40 steps each) after the warm-up. Default: ${DEFAULT-VALUE}.")
    int epochs = 500;

    @Option(names = "--warmup-epochs", paramLabel = "W",
            description = "Epochs run first and not timed. Default: ${DEFAULT-VALUE}.")
    int warmupEpochs = 500;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        BenchCommand.require(spec, epochs >= 1, "--epochs: expected at least 1, got " + epochs);
        BenchCommand.require(spec, warmupEpochs >= 0, "--warmup-epochs: expected at least 0, got " + warmupEpochs);
        BenchCommand.require(spec, (long) warmupEpochs + epochs <= 1_000_000, "--warmup-epochs and --epochs: "
                + "expected at most 1000000 in all, got " + ((long) warmupEpochs + epochs));
        int count = BenchCommand.threadCount(spec, threads);
        Dataset data = PiecewiseLinear.train();
        Module model = MlpSpec.parse(MODEL).build(new Random(42));
        Trainer trainer = Trainer.builder(model, new MSE(), Optimizers.create("adam", model.parameters(), 0.01))
                .epochs(warmupEpochs + epochs).batchSize(BATCH).seed(42).progress(null).build();
        History history = BenchCommand.fit(trainer, data, count);
        double warmupSeconds = BenchCommand.warmupSeconds(history, warmupEpochs);
        double timedSeconds = history.epochs().stream().mapToDouble(EpochRecord::seconds).sum() - warmupSeconds;
        long stepsPerEpoch = (data.size() + BATCH - 1) / BATCH;
        double stepMicroseconds = timedSeconds * 1e6 / (stepsPerEpoch * epochs);
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchCommand.header());
        out.println(String.format(Locale.ROOT, "small threads=%d step_us=%.2f steps_per_epoch=%d epochs=%d "
                + "warmup_epochs=%d warmup_seconds=%.2f", count, stepMicroseconds, stepsPerEpoch, epochs,
                warmupEpochs, warmupSeconds));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"small\", \"java\": \"%s\", "
                    + "\"vectorApi\": %b, \"model\": \"%s\", \"samples\": %d, \"batch\": %d, \"optimizer\": \"adam\", "
                    + "\"threads\": %d, \"stepMicroseconds\": %.3f, \"epochs\": %d, \"warmupEpochs\": %d, "
                    + "\"warmupSeconds\": %.3f}%n", Runtime.version(), VectorSupport.available(), MODEL, data.size(),
                    BATCH, count, stepMicroseconds, epochs, warmupEpochs, warmupSeconds), StandardCharsets.UTF_8);
        }
        return 0;
    }
}
