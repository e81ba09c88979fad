package dev.dendrite.cli.bench;

import dev.dendrite.data.Dataset;
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
 * {@code inference} its one-sample prediction latency, {@code small} a training step of a network
 * too small for anything but overhead, {@code cnn} the reference convolutional
 * network's training and inference throughput, {@code cores} how close two processors are,
 * {@code all} runs them all into one JSON summary, and {@code table} turns that summary into the
 * README's table. This file holds the parent command, {@code gemm} and the helpers the others
 * share; {@link MlpBenchmark}, {@link InferenceBenchmark}, {@link SmallNetworkBenchmark},
 * {@link CnnBenchmark} and {@link CoresBenchmark} hold the others.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Dendrite's kernels; prints one line per case and can write JSON.",
        subcommands = {BenchCommand.GemmBench.class, MlpBenchmark.class, InferenceBenchmark.class,
            SmallNetworkBenchmark.class, CnnBenchmark.class, CoresBenchmark.class, AllBenchmarks.class,
            BenchTable.class})
public final class BenchCommand implements Runnable {
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

    /** The line every benchmark starts with: JDK, kernel kind and processors. */
    static String header() {
        return "# Java " + Runtime.version() + ", " + (VectorSupport.available() ? "Vector API" : "scalar kernels")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors";
    }

    /** The {@code --threads} value, checked, or the library default when it is absent. */
    static int threadCount(CommandSpec spec, Integer threads) {
        require(spec, threads == null || threads >= 1, "--threads: expected at least 1, got " + threads);
        return threads == null ? Gemm.threads() : threads;
    }

    /**
     * Runs {@code trainer} on {@code data} with {@code threads} kernel threads, then puts the
     * library's thread count back.
     */
    static History fit(Trainer trainer, Dataset data, int threads) {
        int savedThreads = Gemm.threads();
        try {
            Gemm.setThreads(threads);
            return trainer.fit(data);
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    /** Seconds of the first {@code warmupEpochs} epochs of {@code history}. */
    static double warmupSeconds(History history, int warmupEpochs) {
        return history.epochs().stream().limit(warmupEpochs).mapToDouble(EpochRecord::seconds).sum();
    }

    /** Throws a usage error (exit code 2) carrying {@code message} unless {@code condition} holds. */
    static void require(CommandSpec spec, boolean condition, String message) {
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
