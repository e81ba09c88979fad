package dev.dendrite.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The iris, sine and xor models that the evaluate and predict tests run on, trained by
 * {@code dendrite train} once per test run (not once per test class) into a folder removed when
 * the JVM exits.
 */
final class TrainedModels {
    private static TrainedModels shared;

    final Path iris;
    final Path sine;
    final Path xor;

    private TrainedModels(Path directory) {
        iris = CliRun.train(directory, "iris", "--data", "iris", "--model", "mlp:4-16-3:relu", "--epochs", "30",
                "--lr", "0.05");
        sine = CliRun.train(directory, "sine", "--data", "sine", "--model", "mlp:1-16-1:tanh", "--epochs", "5");
        xor = CliRun.train(directory, "xor", "--data", "xor", "--model", "mlp:2-8-1:tanh", "--epochs", "30",
                "--lr", "0.05");
    }

    /** The models, trained on the first call. */
    static synchronized TrainedModels get() {
        if (shared == null) {
            try {
                Path directory = Files.createTempDirectory("dendrite-models");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
                shared = new TrainedModels(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit: a leftover folder in the temp directory does no harm.
        }
    }
}
