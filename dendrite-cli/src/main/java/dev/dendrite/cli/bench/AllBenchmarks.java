package dev.dendrite.cli.bench;

import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.VectorSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite bench all}: every benchmark family in one run, on each thread count, and one JSON
 * document with all of their results: the figures the README's performance table is made from.
 * Each case runs as its own subcommand would (same warm-up, same timing), one after another, so a
 * second tenant on the machine shows as a spread between runs, not as a ratio inside one.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Run gemm, mlp (SGD and Adam), inference, small and cnn on each thread count, and cores "
                + "before and after; one JSON summary.",
        footer = {"", "--quick shortens every case (fewer samples, epochs and repetitions) to check the",
            "pipeline, not to quote.", "", "Examples:", "  dendrite bench all --json bench.json",
            "  dendrite bench all --threads 1 --quick --json /tmp/quick.json"})
final class AllBenchmarks implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Thread counts to measure. Default: 1 and the library default.")
    int[] threads;

    @Option(names = "--quick", description = "Short runs that check the pipeline; figures are not for quoting.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", required = true, description = "Where to write the summary.")
    Path json;

    @Override
    public Integer call() throws IOException {
        int[] counts = threads != null ? threads : defaultThreads();
        for (int count : counts) {
            BenchCommand.require(spec, count >= 1, "--threads: expected counts >= 1, got " + count);
        }
        Path scratch = Files.createTempDirectory("dendrite-bench-");
        List<String> results = new ArrayList<>();
        // The cores' distance before the first case and after the last: it can change during a run.
        boolean twoCores = Runtime.getRuntime().availableProcessors() >= 2;
        try {
            if (twoCores) {
                results.add(run(scratch, "cores", "--rounds", quick ? "1" : "5"));
            }
            String threadList = joined(counts);
            results.add(run(scratch, "gemm", "--threads", threadList, "--sizes", quick ? "128" : "256,512,1024",
                    "--shapes", quick ? "128x256x784" : "128x256x784,784x256x128:tn,128x784x256:nt,128x128x256,128x10x128",
                    "--reps", quick ? "1" : "5"));
            for (int count : counts) {
                for (String optimizer : new String[] {"sgd", "adam"}) {
                    results.add(run(scratch, "mlp", "--threads", Integer.toString(count), "--optimizer", optimizer,
                            "--epochs", quick ? "1" : "3", "--warmup-epochs", quick ? "1" : "3",
                            "--samples", quick ? "2048" : "60000"));
                }
                results.add(run(scratch, "inference", "--threads", Integer.toString(count),
                        "--calls", quick ? "200" : "20000", "--warmup-seconds", quick ? "0" : "2"));
                results.add(run(scratch, "small", "--threads", Integer.toString(count),
                        "--epochs", quick ? "2" : "500", "--warmup-epochs", quick ? "2" : "500"));
                results.add(run(scratch, "cnn", "--threads", Integer.toString(count), "--samples", quick ? "128" : "10240",
                        "--rounds", quick ? "1" : "3", "--warmup-batches", quick ? "1" : "60"));
            }
            if (twoCores) {
                results.add(run(scratch, "cores", "--rounds", quick ? "1" : "5"));
            }
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(scratch);
        }
        String document = String.format(Locale.ROOT, "{\"benchmark\": \"all\", \"java\": \"%s\", \"vectorApi\": %b, "
                + "\"processors\": %d, \"quick\": %b, \"results\": [%n  %s%n]}%n", Runtime.version(),
                VectorSupport.available(), Runtime.getRuntime().availableProcessors(), quick,
                String.join(",\n  ", results));
        Files.writeString(json, document, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + json + " (" + results.size() + " benchmark runs)");
        return 0;
    }

    /** Runs one benchmark subcommand with {@code --json} into {@code scratch} and returns that JSON. */
    private String run(Path scratch, String name, String... arguments) throws IOException {
        Path file = scratch.resolve(name + "-" + System.nanoTime() + ".json");
        CommandLine bench = spec.parent().commandLine();
        String[] line = new String[arguments.length + 3];
        line[0] = name;
        System.arraycopy(arguments, 0, line, 1, arguments.length);
        line[arguments.length + 1] = "--json";
        line[arguments.length + 2] = file.toString();
        int exit = bench.execute(line);
        if (exit != 0) {
            throw new IOException("bench " + String.join(" ", line) + " failed with exit code " + exit);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static int[] defaultThreads() {
        int library = Gemm.threads();
        return library > 1 ? new int[] {1, library} : new int[] {1};
    }

    private static String joined(int[] counts) {
        StringBuilder text = new StringBuilder();
        for (int count : counts) {
            text.append(text.length() == 0 ? "" : ",").append(count);
        }
        return text.toString();
    }
}
