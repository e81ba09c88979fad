package dev.dendrite.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void gemmPrintsOneLinePerCaseAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("gemm.json");
        int code = run("gemm", "--sizes", "8", "--shapes", "5x3x4:tn", "--threads", "1", "--reps", "1",
                "--json", json.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*\ngemm n=8 threads=1 gflops=[0-9.]+ median=[0-9.]+\n.*"), text);
        assertTrue(text.contains("gemm m=5 n=3 k=4 form=tn threads=1 gflops="), text);
        String document = Files.readString(json);
        assertTrue(document.contains("{\"m\": 5, \"n\": 3, \"k\": 4, \"form\": \"tn\", \"threads\": 1"), document);
    }

    @Test
    void malformedShapeIsAUsageError() {
        int code = run("gemm", "--shapes", "12x3", "--sizes", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("got '12x3'"), err.toString());
    }

    @Test
    void zeroThreadsIsAUsageError() {
        int code = run("gemm", "--sizes", "8", "--threads", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--threads"), err.toString());
    }

    @Test
    void mlpPrintsTheBestEpochAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("mlp.json");
        int code = run("mlp", "--optimizer", "sgd", "--threads", "1", "--epochs", "1", "--samples", "256",
                "--json", json.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s)# Java .*\nmlp optimizer=sgd threads=1 epoch_seconds=[0-9.]+ "
                + "samples_per_second=[0-9]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"mlp\"") && document.contains("\"optimizer\": \"sgd\"")
                && document.contains("\"samples\": 256") && document.contains("\"threads\": 1"), document);
    }

    @Test
    void mlpRejectsAnUnknownOptimizer() {
        int code = run("mlp", "--optimizer", "lbfgs", "--samples", "16");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--optimizer: expected one of sgd, momentum, nesterov, adagrad, rmsprop, "
                + "adam, adamw, got 'lbfgs'"), err.toString());
    }

    @Test
    void inferencePrintsPercentilesAndWritesJson(@TempDir Path directory) throws Exception {
        Path json = directory.resolve("inference.json");
        int code = run("inference", "--threads", "1", "--calls", "50", "--warmup-seconds", "0",
                "--json", json.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s)# Java .*\ninference threads=1 p50_us=[0-9.]+ p99_us=[0-9.]+\n"), text);
        String document = Files.readString(json);
        assertTrue(document.contains("\"benchmark\": \"inference\"") && document.contains("\"calls\": 50"),
                document);
    }

    @Test
    void inferenceRejectsZeroCalls() {
        int code = run("inference", "--calls", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--calls"), err.toString());
    }
}
