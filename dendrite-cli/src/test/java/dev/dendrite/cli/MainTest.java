package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code dendrite} command itself: help, version, and how every command reports errors. */
class MainTest {
    private static final List<String> COMMANDS = List.of("train", "evaluate", "predict", "summary", "trace", "plot", "ui",
            "data", "bench", "demo", "example", "help");

    @TempDir
    Path directory;

    @Test
    void helpListsEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {})) {
            CliRun run = CliRun.ok(args);
            assertTrue(run.out().startsWith("Usage: dendrite "), run.out());
            for (String command : COMMANDS) {
                assertTrue(run.out().contains("\n  " + command + " "), command + " listed for "
                        + Arrays.toString(args) + ":\n" + run.out());
            }
            assertEquals("", run.err());
        }
    }

    @Test
    void versionNamesTheProjectJavaAndKernels() {
        CliRun run = CliRun.ok("--version");
        String line = run.out().strip();
        assertTrue(line.matches("dendrite \\S+ \\(Java \\S+, (Vector API|scalar kernels)\\)"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "summary", "trace", "plot", "ui", "data", "bench", "demo",
        "example"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.ok(command, "--help");
        assertTrue(run.out().startsWith("Usage: dendrite " + command), run.out());
        assertEquals(run.out(), CliRun.ok("help", command).out(), "'help " + command + "' prints the same");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun.of("frobnicate").assertFails(2, "dendrite: expected a command (train, evaluate, predict, summary, export, import, trace, "
                + "plot, ui, data, bench, demo, example, help), got 'frobnicate' (try 'dendrite --help')");
        CliRun.of("plot", "histroy").assertFails(2, "dendrite plot: expected a command (activations, history, "
                + "confusion, boundary, weights, saliency, layers, misclassified, filters), got 'histroy'; did you mean history? "
                + "(try 'dendrite plot --help')");
        CliRun.of("trian").assertFails(2, "got 'trian'; did you mean train? (try 'dendrite --help')");
        CliRun.of("demo", "extra").assertFails(2, "dendrite demo: ", "'extra'", "(try 'dendrite demo --help')");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun.of("train", "--epoch", "3").assertFails(2, "dendrite train: Unknown options: '--epoch', '3'; did you "
                + "mean --epochs? (try 'dendrite train --help')");
        CliRun.of("--frobnicate").assertFails(2, "Unknown option: '--frobnicate'", "(try 'dendrite --help')");
        CliRun.of("train", "--epochs", "three").assertFails(2, "'three'", "--epochs");
    }

    @Test
    void missingModelFile() {
        Path missing = directory.resolve("nope.safetensors");
        for (String command : List.of("evaluate", "plot confusion", "plot boundary")) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("--model", missing.toString(), "--data", "xor", "--out",
                    directory.resolve("x.png").toString()));
            if (command.equals("evaluate")) {
                args = args.subList(0, args.size() - 2);
            }
            CliRun.of(args.toArray(new String[0])).assertFails(1, "dendrite " + command + ": no such file: " + missing);
        }
        CliRun.of("predict", "--model", missing.toString(), "--input", "1,2")
                .assertFails(1, "dendrite predict: no such file: " + missing);
    }

    /** Each kind of damage is reported in one line naming the file. */
    @Test
    void corruptedModelFiles() throws IOException {
        Path good = CliRun.train(directory, "good", "--data", "xor", "--epochs", "1");
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(directory.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length - 40));
        Path headerOnly = Files.write(directory.resolve("header.safetensors"), Arrays.copyOf(bytes, 100));
        Path empty = Files.write(directory.resolve("empty.safetensors"), new byte[0]);
        Path text = Files.writeString(directory.resolve("text.safetensors"), "this is not a model file");
        byte[] flipped = bytes.clone();
        flipped[12] = '#'; // inside the JSON header
        Path badJson = Files.write(directory.resolve("json.safetensors"), flipped);
        for (Path file : List.of(truncated, headerOnly, empty, text, badJson)) {
            CliRun.of("summary", "--model", file.toString()).assertFails(1, "dendrite summary: " + file);
            CliRun.of("predict", "--model", file.toString(), "--input", "0,1").assertFails(1, file.toString());
        }
    }

    @Test
    void badDataSpecListsTheValidOnesAndExitsLikeEveryBadOptionValue() {
        CliRun.of("train", "--data", "cifar", "--out", directory.resolve("m.safetensors").toString())
                .assertFails(2, "--data: expected one of digits, iris, spiral, xor, moons, sine, piecewise, mnist:DIR, "
                        + "fashion-mnist:DIR, csv:FILE[:LABEL], got 'cifar' (try 'dendrite train --help')");
        CliRun.of("train", "--data", "digitz", "--out", directory.resolve("m.safetensors").toString())
                .assertFails(2, "got 'digitz'; did you mean digits?");
        CliRun.of("train", "--data", "csv:", "--out", directory.resolve("m.safetensors").toString())
                .assertFails(2, "expected csv:FILE[:LABEL], got 'csv:'");
        if (dev.dendrite.data.Mnist.defaultDirectory().isEmpty()) {
            CliRun.of("train", "--data", "mnist", "--out", directory.resolve("m.safetensors").toString())
                    .assertFails(2, "expected mnist:DIR with the IDX files", "dendrite data fetch mnist");
        }
        CliRun.of("train", "--data", "mnist:" + directory.resolve("nowhere"), "--out",
                directory.resolve("m.safetensors").toString())
                .assertFails(1, "no such file: ", "nowhere (run 'dendrite data fetch mnist'");
        CliRun.of("train", "--data", "iris:extra", "--out", directory.resolve("m.safetensors").toString())
                .assertFails(2, "got 'iris:extra'");
        CliRun.of("train", "--data", "iris", "--model", "mlp:4-8-3:rleu", "--out",
                directory.resolve("m.safetensors").toString()).assertFails(2, "--model: ", "'rleu'");
        CliRun.of("evaluate", "--model", directory.resolve("m.safetensors").toString(), "--data", "irsi")
                .assertFails(1, "m.safetensors");
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Path text = Files.writeString(directory.resolve("text.safetensors"), "this is not a model file");
        CliRun run = CliRun.of("summary", "--model", text.toString(), "--verbose");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("dendrite summary: " + text), run.err());
        assertTrue(run.err().contains("\tat dev.dendrite."), run.err());
        assertTrue(run.err().lines().count() > 3, run.err());
    }
}
