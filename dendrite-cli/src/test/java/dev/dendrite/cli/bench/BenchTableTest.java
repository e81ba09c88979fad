package dev.dendrite.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    private static final String SUMMARY = """
            {"benchmark": "all", "java": "25", "vectorApi": true, "processors": 2, "quick": false, "results": [
              {"benchmark": "cores", "processors": 2, "roundTripNanoseconds": 146.4, "handoffGbPerSecond": 26.3,
               "ownGbPerSecond": 141.0},
              {"benchmark": "gemm", "results": [
                {"m": 1024, "n": 1024, "k": 1024, "form": "nn", "threads": 2, "gflops": 300.0, "medianGflops": 290.0}]},
              {"benchmark": "mlp", "samples": 60000, "batch": 128, "optimizer": "sgd", "threads": 2,
               "epochSeconds": 0.5, "samplesPerSecond": 120000},
              {"benchmark": "inference", "threads": 1, "calls": 200, "p50Microseconds": 10.0, "p99Microseconds": 12.0},
              {"benchmark": "small", "threads": 1, "batch": 50, "optimizer": "adam", "stepMicroseconds": 20.0},
              {"benchmark": "cnn", "threads": 1, "secondsPer10k": 4.0, "trainImagesPerSecond": 2500,
               "inferenceImagesPerSecond": 6000},
              {"benchmark": "cores", "processors": 2, "roundTripNanoseconds": 471.0, "handoffGbPerSecond": 24.6,
               "ownGbPerSecond": 138.2}]}
            """;
    private static final String REFERENCE = """
            {"numpy": "1.24", "torch": "1.13",
             "gemm": [{"m": 1024, "n": 1024, "k": 1024, "form": "nn", "threads": 2, "gflops": 250.0},
                      {"m": 1024, "n": 1024, "k": 1024, "form": "nn", "threads": 1, "gflops": 160.0}],
             "mlp": [{"optimizer": "sgd", "threads": 2, "epochSeconds": 2.0}],
             "inference": [{"threads": 1, "p50Microseconds": 40.0}],
             "small": [{"threads": 1, "stepMicroseconds": 150.0}],
             "cnn": [{"threads": 1, "secondsPer10k": 12.0, "inferenceImagesPerSecond": 3000}]}
            """;

    @Test
    void eachResultIsARowWithItsReferenceAndTheSpeedRatio(@TempDir Path directory) throws Exception {
        Path summary = Files.writeString(directory.resolve("bench.json"), SUMMARY);
        Path reference = Files.writeString(directory.resolve("reference.json"), REFERENCE);
        CliRun run = CliRun.ok("bench", "table", "--json", summary.toString(), "--reference", reference.toString());
        String[] lines = run.out().split("\n");
        assertEquals("| case | threads | Dendrite | reference | speed ratio |", lines[0]);
        // 300 / 250 GFLOP/s; the 1-thread numpy figure belongs to no Dendrite row
        assertEquals("| SGEMM 1024×1024 · 1024×1024 (nn) | 2 | 300 GFLOP/s | numpy 250 GFLOP/s | 1.20 |", lines[2]);
        // times: reference over Dendrite, so above 1 is faster: 2.0 / 0.5, 40 / 10, 12 / 4, then 6000 / 3000
        assertEquals("| MLP epoch (784-256-128-10, batch 128, 60000 samples), sgd | 2 | 0.500 s | PyTorch 2.000 s | 4.00 |",
                lines[3]);
        assertEquals("| one-sample inference of that MLP, median | 1 | 10.0 µs | PyTorch 40.0 µs | 4.00 |", lines[4]);
        // 150 / 20 µs
        assertEquals("| small network's training step (1-32-32-16-16-1 sigmoid/tanh, batch 50, Adam) | 1 | 20.0 µs "
                + "| PyTorch 150.0 µs | 7.50 |", lines[5]);
        assertEquals("| CNN training (two convolutions, batch 64, SGD), per 10 000 images | 1 | 4.00 s | PyTorch 12.00 s "
                + "| 3.00 |", lines[6]);
        assertEquals("| CNN inference, batch 64 | 1 | 6000 images/s | PyTorch 3000 images/s | 2.00 |", lines[7]);
        assertTrue(run.out().contains("Java 25, Vector API, 2 processors; numpy 1.24, PyTorch 1.13."), run.out());
        // the cores' readings are no rows: one line after the table, in run order
        assertEquals(12, lines.length, run.out());
        assertEquals("Between two cores (before the first case / after the last): a cache line's round trip"
                + " 146 / 471 ns; an array handed back and forth 26 / 25 GB/s, against 141 / 138 GB/s on one core"
                + " (`dendrite bench cores`).", lines[11]);
    }

    @Test
    void oneCoresReadingIsSaidToBeOneAndNoneLeavesTheLineOut(@TempDir Path directory) throws Exception {
        String oneReading = SUMMARY.substring(0, SUMMARY.lastIndexOf(",\n  {\"benchmark\": \"cores\"")) + "]}\n";
        Path one = Files.writeString(directory.resolve("one.json"), oneReading);
        String out = CliRun.ok("bench", "table", "--json", one.toString()).out();
        assertTrue(out.endsWith("Between two cores (one reading): a cache line's round trip 146 ns; an array handed"
                + " back and forth 26 GB/s, against 141 GB/s on one core (`dendrite bench cores`).\n"), out);
        String noReading = oneReading.replaceFirst("\\{\"benchmark\": \"cores\"[^}]*},\\s*", "");
        Path none = Files.writeString(directory.resolve("none.json"), noReading);
        String plain = CliRun.ok("bench", "table", "--json", none.toString()).out();
        assertTrue(plain.endsWith("2 processors.\n") && !plain.contains("Between two cores"), plain);
    }

    @Test
    void withoutAReferenceTheReferenceColumnsAreEmpty(@TempDir Path directory) throws Exception {
        Path summary = Files.writeString(directory.resolve("bench.json"), SUMMARY);
        String out = CliRun.ok("bench", "table", "--json", summary.toString()).out();
        assertTrue(out.contains("| CNN inference, batch 64 | 1 | 6000 images/s | — | — |"), out);
    }

    @Test
    void brokenJsonIsOneLineNamingTheFile(@TempDir Path directory) throws Exception {
        Path truncated = Files.writeString(directory.resolve("bench.json"), SUMMARY.substring(0, 80));
        CliRun.of("bench", "table", "--json", truncated.toString()).assertFails(1, truncated.toString(), "not valid JSON");
        Path empty = Files.writeString(directory.resolve("empty.json"), "");
        CliRun.of("bench", "table", "--json", empty.toString()).assertFails(1, empty.toString(), "empty file");
        Path wrong = Files.writeString(directory.resolve("wrong.json"), "{\"results\": 3}");
        CliRun.of("bench", "table", "--json", wrong.toString()).assertFails(1, "results", "expected a JSON array");
    }
}
