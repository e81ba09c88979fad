package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the {@code bad-inputs} fixture folder (see its README), and a FIFO and damaged
 * checkpoint folders made here, through every command it applies to: each run must end with exit
 * code 1 or 2, exactly one line on standard error that names the file, no stack trace, and within
 * a minute (a FIFO must never be opened).
 */
class BadInputsTest {
    @TempDir
    static Path directory;
    private static Path good;
    private static Path fixtures;

    @BeforeAll
    static void trainAGoodModelAndMakeWhatCannotBeCommitted() throws Exception {
        good = CliRun.train(directory, "good", "--data", "iris", "--epochs", "1");
        fixtures = Path.of(BadInputsTest.class.getResource("/bad-inputs/README.md").toURI()).getParent();
        Path fifo = directory.resolve("fifo.safetensors");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path fifoFolder = Files.createDirectories(directory.resolve("fifo-checkpoints"));
        new ProcessBuilder("mkfifo", fifoFolder.resolve("checkpoint-000000004.safetensors").toString()).start()
                .waitFor();
        Path damaged = Files.createDirectories(directory.resolve("damaged-checkpoints"));
        Files.copy(fixtures.resolve("not-a-model.safetensors"), damaged.resolve("checkpoint-000000004.safetensors"));
    }

    static Stream<Arguments> cases() throws URISyntaxException {
        Path folder = Path.of(BadInputsTest.class.getResource("/bad-inputs/README.md").toURI()).getParent();
        List<Arguments> cases = new ArrayList<>();
        for (String csv : List.of("empty", "ragged", "nan-cell", "not-utf8", "unclosed-quote")) {
            String file = folder.resolve(csv + ".csv").toString();
            cases.add(train(csv, "--data", "csv:" + file));
            cases.add(Arguments.of(csv, List.of("evaluate", "--model", "GOOD", "--data", "csv:" + file)));
            cases.add(Arguments.of(csv, List.of("predict", "--model", "GOOD", "--input", file)));
        }
        for (String csv : List.of("huge-label", "sparse-labels", "no-label-column")) {
            String file = folder.resolve(csv + ".csv").toString();
            cases.add(train(csv, "--data", "csv:" + file));
            cases.add(Arguments.of(csv, List.of("evaluate", "--model", "GOOD", "--data", "csv:" + file)));
        }
        cases.add(train("single-class", "--data", "csv:" + folder.resolve("single-class.csv")));
        List<String> models = new ArrayList<>(List.of("nan-weights", "huge-header", "not-a-model",
                "checkpoint-not-a-model"));
        for (String model : models) {
            String file = folder.resolve(model + ".safetensors").toString();
            cases.add(Arguments.of(model, List.of("summary", "--model", file)));
            cases.add(Arguments.of(model, List.of("evaluate", "--model", file, "--data", "iris")));
            cases.add(Arguments.of(model, List.of("predict", "--model", file, "--input", "5.1,3.5,1.4,0.2")));
        }
        cases.add(Arguments.of("fifo", List.of("summary", "--model", "TMP/fifo.safetensors")));
        cases.add(Arguments.of("fifo", List.of("predict", "--model", "TMP/fifo.safetensors", "--input", "1,2,3,4")));
        for (String idx : List.of("mnist-truncated", "mnist-wrong-magic")) {
            String data = "mnist:" + folder.resolve(idx);
            cases.add(train(idx, "--data", data));
            cases.add(Arguments.of(idx, List.of("evaluate", "--model", "GOOD", "--data", data)));
        }
        cases.add(Arguments.of("fifo-checkpoints", List.of("train", "--quiet", "--resume", "TMP/fifo-checkpoints",
                "--out", "TMP/out.safetensors", "--report", "TMP/out-report")));
        cases.add(Arguments.of("damaged-checkpoints", List.of("train", "--quiet", "--resume",
                "TMP/damaged-checkpoints", "--out", "TMP/out.safetensors", "--report", "TMP/out-report")));
        return cases.stream();
    }

    private static Arguments train(String name, String... data) {
        List<String> args = new ArrayList<>(List.of("train", "--quiet", "--epochs", "1", "--out", "TMP/out.safetensors",
                "--report", "TMP/out-report"));
        args.addAll(List.of(data));
        return Arguments.of(name, args);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void oneLineAndExitCodeOneOrTwo(String name, List<String> template) throws IOException {
        String[] args = template.stream().map(arg -> arg.equals("GOOD") ? good.toString()
                : arg.replace("TMP/", directory + "/")).toArray(String[]::new);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(args));
        String err = run.err().strip();
        assertTrue(run.code() == 1 || run.code() == 2, () -> "exit code " + run.code() + "\nout:\n" + run.out()
                + "\nerr:\n" + run.err());
        assertEquals(1, err.lines().count(), () -> "one line on stderr, got:\n" + run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), () -> "no stack trace or "
                + "exception name, got:\n" + run.err());
        assertTrue(err.contains(name), () -> "the message names " + name + ": " + err);
        assertFalse(Files.exists(directory.resolve("out.safetensors")), "no model written");
    }
}
