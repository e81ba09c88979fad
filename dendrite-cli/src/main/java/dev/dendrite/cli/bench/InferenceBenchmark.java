package dev.dendrite.cli.bench;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.VectorSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench inference}: latency of one-sample predictions of the MNIST MLP under
 * {@link GradMode#noGrad()} in evaluation mode. Warms up for at least two seconds (and 20 000
 * calls, or ten per timed call when fewer are timed), then times every call of the measured run and
 * reports the median and 99th percentile.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
        description = "Microseconds per one-sample prediction of the 784-256-128-10 ReLU MLP.",
        footer = {"", "Example:", "  dendrite bench inference --threads 1 --json inference.json"})
final class InferenceBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads. Default: the library default.")
    Integer threads;

    @Option(names = "--calls", paramLabel = "N", description = "Timed predictions. Default: ${DEFAULT-VALUE}.")
    int calls = 20_000;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Least warm-up time. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds = 2;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result to FILE as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        BenchCommand.require(spec, calls >= 1, "--calls: expected at least 1, got " + calls);
        BenchCommand.require(spec, warmupSeconds >= 0, "--warmup-seconds: expected a value >= 0, got " + warmupSeconds);
        int count = BenchCommand.threadCount(spec, threads);
        Module model = MlpSpec.parse(BenchCommand.MLP).build(new Random(42));
        model.eval();
        Tensor[] inputs = new Tensor[64];
        Random random = new Random(7);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Tensor.uniform(random, 0f, 1f, 784);
        }
        long[] nanos = new long[calls];
        int savedThreads = Gemm.threads();
        float sink = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Gemm.setThreads(count);
            long start = System.nanoTime();
            int warmupCalls = (int) Math.min(20_000, 10L * calls);
            for (int i = 0; i < warmupCalls || System.nanoTime() - start < warmupSeconds * 1e9; i++) {
                sink += model.forward(inputs[i & 63]).data()[0];
            }
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                sink += model.forward(inputs[i & 63]).data()[0];
                nanos[i] = System.nanoTime() - t0;
            }
        } finally {
            Gemm.setThreads(savedThreads);
        }
        Arrays.sort(nanos);
        double p50 = nanos[(calls - 1) / 2] / 1e3;
        double p99 = nanos[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e3;
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchCommand.header() + (Float.isNaN(sink) ? " (NaN outputs)" : ""));
        out.println(String.format(Locale.ROOT, "inference threads=%d p50_us=%.2f p99_us=%.2f", count, p50, p99));
        if (json != null) {
            Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"inference\", \"java\": \"%s\", "
                    + "\"vectorApi\": %b, \"model\": \"%s\", \"threads\": %d, \"calls\": %d, "
                    + "\"p50Microseconds\": %.3f, \"p99Microseconds\": %.3f}%n",
                    Runtime.version(), VectorSupport.available(), BenchCommand.MLP, count, calls, p50, p99),
                    StandardCharsets.UTF_8);
        }
        return 0;
    }
}
