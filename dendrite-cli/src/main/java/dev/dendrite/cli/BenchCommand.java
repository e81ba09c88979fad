package dev.dendrite.cli;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Mnist;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.VectorSupport;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench}: measures the library's speed and prints one line per case, so every
 * figure quoted about Dendrite can be rerun. Each subcommand is one benchmark family; {@code gemm}
 * times the matrix product behind every layer, {@code mlp} a training epoch of the MNIST MLP and
 * {@code inference} its one-sample prediction latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Dendrite's kernels; prints one line per case and can write JSON.",
        subcommands = {BenchCommand.GemmBench.class, BenchCommand.MlpBench.class, BenchCommand.InferenceBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code dendrite bench gemm}: GFLOP/s of {@code C = op(A)·op(B)} (2·m·n·k floating-point
     * operations per product). Each case is warmed up until the JIT has compiled the kernel, then
     * timed in several repetitions; the best and the median are reported.
     */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "GFLOP/s of the single-precision matrix product.",
            footer = {"", "Shapes are MxNxK with an optional form: nn (default), tn = Aᵀ·B, nt = A·Bᵀ, tt.",
                "", "Examples:", "  dendrite bench gemm --sizes 256,512,1024 --threads 1,2",
                "  dendrite bench gemm --sizes 0 --shapes 128x256x784,784x256x128:tn,128x784x256:nt --json gemm.json"})
    static final class GemmBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--sizes", split = ",", paramLabel = "N",
                description = "Square sizes n (n x n times n x n); 0 for none. Default: ${DEFAULT-VALUE}.")
        int[] sizes = {256, 512, 1024};

        @Option(names = "--shapes", split = ",", paramLabel = "MxNxK[:FORM]",
                description = "Further shapes, e.g. 128x256x784 or 784x256x128:tn.")
        List<String> shapes = new ArrayList<>();

        @Option(names = "--threads", split = ",", paramLabel = "N",
                description = "Thread counts to measure, e.g. 1,2. Default: the library default.")
        int[] threads;

        @Option(names = "--reps", paramLabel = "N", description = "Timed repetitions per case. Default: ${DEFAULT-VALUE}.")
        int reps = 7;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to FILE as JSON.")
        Path json;

        @Override
        public Integer call() throws IOException {
            List<Case> cases = cases();
            int[] threadCounts = threads == null ? new int[] {Gemm.threads()} : threads;
            for (int count : threadCounts) {
                require(count >= 1, "--threads: expected counts >= 1, got " + Arrays.toString(threadCounts));
            }
            require(reps >= 1, "--reps: expected at least 1, got " + reps);
            PrintWriter out = spec.commandLine().getOut();
            out.println(header());
            int savedThreads = Gemm.threads();
            List<String> records = new ArrayList<>();
            try {
                for (Case product : cases) {
                    for (int count : threadCounts) {
                        Gemm.setThreads(count);
                        double[] gflops = product.measure(reps);
                        out.println(String.format(Locale.ROOT, "gemm %s threads=%d gflops=%.1f median=%.1f",
                                product.label(), count, gflops[0], gflops[1]));
                        out.flush();
                        records.add(product.json(count, gflops));
                    }
                }
            } finally {
                Gemm.setThreads(savedThreads);
            }
            if (json != null) {
                String document = "{\"benchmark\": \"gemm\", \"java\": \"" + Runtime.version()
                        + "\", \"vectorApi\": " + VectorSupport.available() + ", \"results\": [\n  "
                        + String.join(",\n  ", records) + "\n]}\n";
                Files.writeString(json, document, StandardCharsets.UTF_8);
            }
            return 0;
        }

        private List<Case> cases() {
            List<Case> cases = new ArrayList<>();
            for (int size : sizes) {
                require(size >= 0, "--sizes: expected sizes >= 0, got " + size);
                if (size > 0) {
                    cases.add(new Case(size, size, size, false, false, true));
                }
            }
            for (String shape : shapes) {
                cases.add(Case.parse(shape, spec.commandLine()));
            }
            require(!cases.isEmpty(), "gemm: expected at least one size or shape, got none");
            return cases;
        }

        private void require(boolean condition, String message) {
            if (!condition) {
                throw new CommandLine.ParameterException(spec.commandLine(), message);
            }
        }
    }

    /** The benchmarked network: the 784-256-128-10 ReLU MLP the MNIST figures are quoted for. */
    static final String MLP = "mlp:784-256-128-10:relu";

    /**
     * {@code dendrite bench mlp}: seconds per training epoch of the MNIST MLP (batch 128, 60 000
     * samples, cross-entropy), through the same {@link Trainer} that {@code dendrite train} uses.
     * The first epoch warms the JIT up and is not counted; the best of the following epochs is
     * reported.
     */
    @Command(name = "mlp", mixinStandardHelpOptions = true,
            description = "Seconds per training epoch of the 784-256-128-10 ReLU MLP, batch 128.",
            footer = {"", "Without --mnist the data are 60 000 seeded random MNIST-shaped samples.",
                "", "Examples:", "  dendrite bench mlp --optimizer sgd --threads 1",
                "  dendrite bench mlp --mnist ~/.dendrite/data/mnist --epochs 3 --json mlp.json"})
    static final class MlpBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--optimizer", paramLabel = "NAME",
                description = "adam (learning rate 1e-3) or sgd (0.01). Default: ${DEFAULT-VALUE}.")
        String optimizer = "adam";

        @Option(names = "--threads", paramLabel = "N", description = "Kernel threads. Default: the library default.")
        Integer threads;

        @Option(names = "--epochs", paramLabel = "E",
                description = "Timed epochs after the warm-up epoch. Default: ${DEFAULT-VALUE}.")
        int epochs = 3;

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
            require(spec, name.equals("adam") || name.equals("sgd"), "--optimizer: expected adam or sgd, got '"
                    + optimizer + "'");
            require(spec, epochs >= 1, "--epochs: expected at least 1, got " + epochs);
            require(spec, samples >= 1, "--samples: expected at least 1, got " + samples);
            int count = threadCount(spec, threads);
            Dataset data = mnist != null ? Mnist.load(mnist, true) : randomMnist(samples, 42);
            Module model = MlpSpec.parse(MLP).build(new Random(42));
            Optimizer step = name.equals("adam") ? new Adam(model.parameters(), 1e-3)
                    : new SGD(model.parameters(), 0.01);
            Trainer trainer = Trainer.builder(model, new CrossEntropy(), step)
                    .epochs(epochs + 1).batchSize(128).seed(42).build();
            int savedThreads = Gemm.threads();
            History history;
            try {
                Gemm.setThreads(count);
                history = trainer.fit(data);
            } finally {
                Gemm.setThreads(savedThreads);
            }
            double best = history.epochs().stream().skip(1).mapToDouble(EpochRecord::seconds).min().orElseThrow();
            double rate = data.size() / best;
            PrintWriter out = spec.commandLine().getOut();
            out.println(header());
            out.println(String.format(Locale.ROOT, "mlp optimizer=%s threads=%d epoch_seconds=%.3f samples_per_second=%.0f",
                    name, count, best, rate));
            if (json != null) {
                Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"mlp\", \"java\": \"%s\", "
                        + "\"vectorApi\": %b, \"model\": \"%s\", \"data\": \"%s\", \"samples\": %d, \"batch\": 128, "
                        + "\"optimizer\": \"%s\", \"threads\": %d, \"epochSeconds\": %.4f, \"samplesPerSecond\": %.1f}%n",
                        Runtime.version(), VectorSupport.available(), MLP, mnist != null ? "mnist" : "random",
                        data.size(), name, count, best, rate), StandardCharsets.UTF_8);
            }
            return 0;
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

    /**
     * {@code dendrite bench inference}: latency of one-sample predictions of the MNIST MLP under
     * {@link GradMode#noGrad()} in evaluation mode. Warms up for at least two seconds (and 20 000
     * calls, or ten per timed call when fewer are timed), then times every call of the measured run and reports the median and 99th percentile.
     */
    @Command(name = "inference", mixinStandardHelpOptions = true,
            description = "Microseconds per one-sample prediction of the 784-256-128-10 ReLU MLP.",
            footer = {"", "Example:", "  dendrite bench inference --threads 1 --json inference.json"})
    static final class InferenceBench implements Callable<Integer> {
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
            require(spec, calls >= 1, "--calls: expected at least 1, got " + calls);
            require(spec, warmupSeconds >= 0, "--warmup-seconds: expected a value >= 0, got " + warmupSeconds);
            int count = threadCount(spec, threads);
            Module model = MlpSpec.parse(MLP).build(new Random(42));
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
            out.println(header() + (Float.isNaN(sink) ? " (NaN outputs)" : ""));
            out.println(String.format(Locale.ROOT, "inference threads=%d p50_us=%.2f p99_us=%.2f", count, p50, p99));
            if (json != null) {
                Files.writeString(json, String.format(Locale.ROOT, "{\"benchmark\": \"inference\", \"java\": \"%s\", "
                        + "\"vectorApi\": %b, \"model\": \"%s\", \"threads\": %d, \"calls\": %d, "
                        + "\"p50Microseconds\": %.3f, \"p99Microseconds\": %.3f}%n",
                        Runtime.version(), VectorSupport.available(), MLP, count, calls, p50, p99), StandardCharsets.UTF_8);
            }
            return 0;
        }
    }

    /** The line every benchmark starts with: JDK, kernel kind and processors. */
    static String header() {
        return "# Java " + Runtime.version() + ", " + (VectorSupport.available() ? "Vector API" : "scalar kernels")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors";
    }

    private static int threadCount(CommandSpec spec, Integer threads) {
        require(spec, threads == null || threads >= 1, "--threads: expected at least 1, got " + threads);
        return threads == null ? Gemm.threads() : threads;
    }

    private static void require(CommandSpec spec, boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** One product to time, with its operands. */
    private static final class Case {
        final int m;
        final int n;
        final int k;
        final boolean transposeA;
        final boolean transposeB;
        final boolean square;
        final float[] a;
        final float[] b;
        final float[] c;

        Case(int m, int n, int k, boolean transposeA, boolean transposeB, boolean square) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.square = square;
            Random random = new Random(42);
            a = fill(random, (long) m * k);
            b = fill(random, (long) k * n);
            c = new float[Math.multiplyExact(m, n)];
        }

        static Case parse(String text, CommandLine commandLine) {
            String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
            String[] dims = parts[0].split("x");
            String form = parts.length > 1 ? parts[1] : "nn";
            if (dims.length != 3 || parts.length > 2 || !form.matches("[nt][nt]")) {
                throw new CommandLine.ParameterException(commandLine,
                        "--shapes: expected MxNxK or MxNxK:FORM with FORM nn, tn, nt or tt, got '" + text + "'");
            }
            try {
                int m = Integer.parseInt(dims[0]);
                int n = Integer.parseInt(dims[1]);
                int k = Integer.parseInt(dims[2]);
                if (m < 1 || n < 1 || k < 1) {
                    throw new NumberFormatException();
                }
                return new Case(m, n, k, form.charAt(0) == 't', form.charAt(1) == 't', false);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(commandLine,
                        "--shapes: expected positive integers in MxNxK, got '" + text + "'");
            }
        }

        String form() {
            return (transposeA ? "t" : "n") + (transposeB ? "t" : "n");
        }

        String label() {
            return square ? "n=" + n : "m=" + m + " n=" + n + " k=" + k + " form=" + form();
        }

        /**
         * Returns {best, median} GFLOP/s over {@code reps} timed batches of about 0.2 s each. Warms up
         * for at least a second and until the rate stops rising: until the JIT has compiled the
         * kernel, Vector API code runs orders of magnitude slower, and on a busy machine compiling
         * takes longer.
         */
        double[] measure(int reps) {
            double flops = 2.0 * m * n * k;
            long start = System.nanoTime();
            int calls = 0;
            while (calls < 3 || System.nanoTime() - start < 300_000_000L) {
                run();
                calls++;
            }
            int batch = (int) Math.max(1, Math.min(1_000_000, 0.2e9 * calls / (System.nanoTime() - start)));
            double previous = 0;
            double rate = timeBatch(batch, flops);
            while (System.nanoTime() - start < 1_000_000_000L
                    || (rate > previous * 1.05 && System.nanoTime() - start < 10_000_000_000L)) {
                previous = Math.max(previous, rate);
                rate = timeBatch(batch, flops);
            }
            double[] rates = new double[reps];
            for (int r = 0; r < reps; r++) {
                rates[r] = timeBatch(batch, flops);
            }
            Arrays.sort(rates);
            return new double[] {rates[reps - 1], rates[reps / 2]};
        }

        private double timeBatch(int batch, double flops) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                run();
            }
            return flops * batch / (System.nanoTime() - t0);
        }

        private void run() {
            Gemm.multiply(m, n, k, a, 0, transposeA, b, 0, transposeB, c, 0, false);
        }

        String json(int threads, double[] gflops) {
            return String.format(Locale.ROOT,
                    "{\"m\": %d, \"n\": %d, \"k\": %d, \"form\": \"%s\", \"threads\": %d, \"gflops\": %.2f, \"medianGflops\": %.2f}",
                    m, n, k, form(), threads, gflops[0], gflops[1]);
        }

        private static float[] fill(Random random, long length) {
            float[] values = new float[Math.toIntExact(length)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() * 2f - 1f;
            }
            return values;
        }
    }
}
