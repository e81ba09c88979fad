package dev.dendrite.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.dendrite.cli.CliRun;

class BenchCommandTest {
    /** Runs {@code dendrite bench ARGS} through {@code Main.run}, as the launcher does. */
    private static CliRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    private static String ok(String... args) {
        CliRun run = run(args);
        assertEquals(0, run.code(), run.err());
        return run.out();
    }

    @Test
    void gemmPrintsOneLinePerCaseAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("gemm.json");
        String text = ok("gemm", "--sizes", "8", "--shapes", "5x3x4:tn", "--threads", "1", "--reps", "1",
                "--json", json.toString());
        assertTrue(text.matches("(?s).*\ngemm n=8 threads=1 gflops=[0-9.]+ median=[0-9.]+\n.*"), text);
        assertTrue(text.contains("gemm m=5 n=3 k=4 form=tn threads=1 gflops="), text);
        String document = Files.readString(json);
        assertTrue(document.contains("{\"m\": 5, \"n\": 3, \"k\": 4, \"form\": \"tn\", \"threads\": 1"), document);
    }

    @Test
    void allRunsEveryFamilyOnEachThreadCountIntoOneJsonDocument(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("all.json");
        String text = ok("all", "--threads", "1", "--quick", "--json", json.toString());
        boolean twoCores = Runtime.getRuntime().availableProcessors() >= 2;
        assertTrue(text.contains("\ngemm m=128 n=256 k=784 form=nn threads=1 gflops=")
                && text.contains("\nmlp optimizer=sgd threads=1 ") && text.contains("\nmlp optimizer=adam threads=1 ")
                && text.contains("\ninference threads=1 ") && text.contains("\nsmall threads=1 step_us=")
                && text.contains("\ncnn threads=1 seconds_per_10k=")
                && text.contains("wrote " + json + " (" + (twoCores ? 8 : 6) + " benchmark runs)"), text);
        String document = Files.readString(json);
        assertTrue(document.startsWith("{\"benchmark\": \"all\", ") && document.contains("\"quick\": true"), document);
        List<String> families = new ArrayList<>();
        Matcher line = Pattern.compile("\n  \\{\"benchmark\": \"(\\w+)\"([^\n]*)").matcher(document);
        while (line.find()) {
            Matcher optimizer = Pattern.compile("\"optimizer\": \"(\\w+)\"").matcher(line.group(2));
            families.add(line.group(1) + (optimizer.find() ? ":" + optimizer.group(1) : ""));
        }
        List<String> expected = new ArrayList<>(
                List.of("gemm", "mlp:sgd", "mlp:adam", "inference", "small:adam", "cnn:sgd"));
        if (twoCores) { // the cores' distance before the first case and after the last
            expected.add(0, "cores");
            expected.add("cores");
        }
        assertEquals(expected, families, document);
    }

    @Test
    void coresPrintsTheRoundTripAndHandOffRatesAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("cores.json");
        if (Runtime.getRuntime().availableProcessors() < 2) {
            run("cores", "--rounds", "1").assertFails(2, "dendrite bench cores: ", "needs two processors");
            return;
        }
        String text = ok("cores", "--rounds", "1", "--json", json.toString());
        Matcher figures = Pattern.compile("\ncores round_trip_ns=([0-9]+) handoff_gb_per_s=([0-9.]+) "
                + "own_gb_per_s=([0-9.]+)\n").matcher(text);
        assertTrue(figures.find(), text);
        for (int group = 1; group <= 3; group++) {
            assertTrue(Double.parseDouble(figures.group(group)) > 0, text);
        }
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"cores\"") && document.contains("\"roundTripNanoseconds\": ")
                && document.contains("\"handoffGbPerSecond\": ") && document.contains("\"ownGbPerSecond\": "),
                document);
    }

    @Test
    void coresRejectsZeroRounds() {
        run("cores", "--rounds", "0").assertFails(2, "dendrite bench cores: ", "--rounds: expected at least 1, got 0");
    }

    @Test
    void allNeedsAJsonFileAndValidThreadCounts() {
        run("all", "--quick").assertFails(2, "dendrite bench all: ", "--json");
        run("all", "--quick", "--threads", "0", "--json", "x.json").assertFails(2, "dendrite bench all: ", "--threads");
    }

    @Test
    void malformedShapeIsAUsageError() {
        run("gemm", "--shapes", "12x3", "--sizes", "0").assertFails(2, "dendrite bench gemm: ", "got '12x3'");
    }

    @Test
    void zeroThreadsIsAUsageError() {
        run("gemm", "--sizes", "8", "--threads", "0").assertFails(2, "dendrite bench gemm: ", "--threads");
    }

    @Test
    void mlpPrintsTheBestEpochAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("mlp.json");
        String text = ok("mlp", "--optimizer", "sgd", "--threads", "1", "--epochs", "1", "--samples", "256",
                "--json", json.toString());
        assertTrue(text.matches("(?s)# Java .*\nmlp optimizer=sgd threads=1 epoch_seconds=[0-9.]+ "
                + "samples_per_second=[0-9]+ warmup_epochs=3 warmup_seconds=[0-9.]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"mlp\"") && document.contains("\"optimizer\": \"sgd\"")
                && document.contains("\"samples\": 256") && document.contains("\"threads\": 1")
                && document.contains("\"warmupEpochs\": 3")
                && document.matches("(?s).*\"everyEpochSeconds\": \\[[0-9.]+, [0-9.]+, [0-9.]+, [0-9.]+\\]}\\s*"),
                document);
        String unwarmed = ok("mlp", "--optimizer", "sgd", "--threads", "1", "--epochs", "1", "--samples", "256",
                "--warmup-epochs", "0");
        assertTrue(unwarmed.contains(" warmup_epochs=0 warmup_seconds=0.00\n"), unwarmed);
    }

    @Test
    void mlpRejectsNegativeWarmUp() {
        run("mlp", "--warmup-epochs", "-1", "--samples", "16").assertFails(2, "dendrite bench mlp: ",
                "--warmup-epochs: expected at least 0, got -1");
    }

    @Test
    void mlpRejectsAnUnknownOptimizer() {
        run("mlp", "--optimizer", "lbfgs", "--samples", "16").assertFails(2, "dendrite bench mlp: ",
                "--optimizer: expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, got 'lbfgs'");
    }

    @Test
    void smallPrintsTheMeanStepAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("small.json");
        String text = ok("small", "--threads", "1", "--epochs", "2", "--warmup-epochs", "1", "--json", json.toString());
        assertTrue(text.matches("(?s)# Java .*\nsmall threads=1 step_us=[0-9.]+ steps_per_epoch=40 epochs=2 "
                + "warmup_epochs=1 warmup_seconds=[0-9.]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"small\"") && document.contains("\"batch\": 50")
                && document.contains("\"model\": \"mlp:1-32-32-16-16-1:sigmoid:tanh\"")
                && document.contains("\"samples\": 2000") && document.contains("\"threads\": 1")
                && document.contains("\"epochs\": 2") && document.contains("\"warmupEpochs\": 1")
                && document.matches("(?s).*\"stepMicroseconds\": [0-9.]+,.*"), document);
    }

    @Test
    void smallRejectsNoTimedEpochsAndNegativeWarmUp() {
        run("small", "--epochs", "0").assertFails(2, "dendrite bench small: ", "--epochs: expected at least 1, got 0");
        run("small", "--warmup-epochs", "-2").assertFails(2, "dendrite bench small: ",
                "--warmup-epochs: expected at least 0, got -2");
    }

    @Test
    void inferencePrintsPercentilesAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("inference.json");
        String text = ok("inference", "--threads", "1", "--calls", "50", "--warmup-seconds", "0",
                "--json", json.toString());
        assertTrue(text.matches("(?s)# Java .*\ninference threads=1 p50_us=[0-9.]+ p99_us=[0-9.]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"inference\"") && document.contains("\"calls\": 50"),
                document);
    }

    @Test
    void inferenceRejectsZeroCalls() {
        run("inference", "--calls", "0").assertFails(2, "dendrite bench inference: ", "--calls");
    }

    @Test
    void cnnPrintsTrainingAndInferenceRatesAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("cnn.json");
        String text = ok("cnn", "--threads", "1", "--samples", "64", "--rounds", "1", "--warmup-batches", "1",
                "--json", json.toString());
        assertTrue(text.matches("(?s)# Java .*\ncnn threads=1 seconds_per_10k=[0-9.]+ images_per_second=[0-9]+\n"
                + "cnn_inference threads=1 images_per_second=[0-9]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"cnn\"") && document.contains("\"imagesPerRound\": 64")
                && document.contains("\"threads\": 1") && document.contains("conv:32:3,relu,maxpool:2"), document);
    }

    @Test
    void cnnRejectsFewerSamplesThanOneBatch() {
        run("cnn", "--samples", "10").assertFails(2, "dendrite bench cnn: ",
                "--samples: expected at least 64, got 10");
    }
}
