package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.DatasetCatalog;
import dev.dendrite.data.Mnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code data} with Main's handling: one line on stderr, exit 1 for failures, 2 for usage. */
    private int data(String... args) {
        CommandLine commandLine = new CommandLine(new DataCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, parsed) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            return 2;
        });
        return commandLine.execute(args);
    }

    @Test
    void listShowsEveryCatalogueEntryUnderItsKind() {
        assertEquals(0, data("list"), err.toString());
        String text = out.toString();
        for (DatasetCatalog.Entry entry : DatasetCatalog.entries()) {
            assertTrue(text.contains("  " + entry.name() + " ") && text.contains(entry.description()), entry.name());
        }
        assertTrue(text.indexOf("Bundled") < text.indexOf("  digits") && text.indexOf("Generated") < text.indexOf("  spiral")
                && text.indexOf("Downloadable") < text.indexOf("  mnist"), text);
    }

    @Test
    void fetchFromALocalMirrorVerifiesAndIsThenANoOp() throws IOException {
        Path shared = Mnist.defaultDirectory().orElse(Path.of("missing"));
        Assumptions.assumeTrue(Files.isRegularFile(shared.resolve("t10k-labels-idx1-ubyte.gz")),
                "the shared MNIST folder is absent");
        assertEquals(0, data("fetch", "mnist", "--mirror", shared.toString(), "--dir", directory.toString()),
                err.toString());
        assertTrue(out.toString().contains("mnist: 4 files verified in " + directory.resolve("mnist")
                + " (4 downloaded)"), out.toString());
        assertEquals(10000, Mnist.load(directory.resolve("mnist"), false).size());
        assertEquals(0, data("fetch", "mnist", "--mirror", shared.toString(), "--dir", directory.toString()));
        assertTrue(out.toString().contains("(0 downloaded)"), out.toString());
    }

    @Test
    void aCorruptMirrorFailsWithExitCode1AndKeepsNothing() throws IOException {
        Path mirror = Files.createDirectory(directory.resolve("mirror"));
        Files.writeString(mirror.resolve("train-images-idx3-ubyte.gz"), "not the images");
        Path target = directory.resolve("cache");
        assertEquals(1, data("fetch", "fashion-mnist", "--mirror", mirror.toUri().toString(), "--dir", target.toString()));
        assertTrue(err.toString().contains("train-images-idx3-ubyte.gz: sha256 mismatch: expected 3aede38d"),
                err.toString());
        try (var files = Files.list(target.resolve("fashion-mnist"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, data("fetch", "iris", "--dir", directory.toString()));
        assertTrue(err.toString().contains("expected a downloadable data set, one of [mnist, fashion-mnist], got 'iris'"
                + " (bundled, nothing to download)"), err.toString());
        assertEquals(2, data("fetch", "mnist", "--mirror", "ftp://example.org/"));
        assertEquals(2, data());
        assertEquals(2, data("fetch"));
    }

    @Test
    void theDefaultFolderIsTheEnvironmentVariableElseTheUserCache() {
        assertEquals(Path.of("/data"), DataCommand.defaultDirectory("/data", "/home/me"));
        assertEquals(Path.of("/home/me/.cache/dendrite"), DataCommand.defaultDirectory(null, "/home/me"));
        assertEquals(Path.of("/home/me/.cache/dendrite"), DataCommand.defaultDirectory(" ", "/home/me"));
    }
}
