package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.DatasetCatalog;
import dev.dendrite.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path directory;

    /** Runs {@code dendrite data ARGS} through {@link Main#run}, as the launcher does. */
    private static CliRun data(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "data";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void listShowsEveryCatalogueEntryUnderItsKind() {
        String text = CliRun.ok("data", "list").out();
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
        CliRun first = CliRun.ok("data", "fetch", "mnist", "--mirror", shared.toString(), "--dir",
                directory.toString());
        assertTrue(first.out().contains("mnist: 4 files verified in " + directory.resolve("mnist")
                + " (4 downloaded)"), first.out());
        assertTrue(first.out().contains("use it with: --data mnist:" + directory.resolve("mnist")), first.out());
        assertEquals(10000, Mnist.load(directory.resolve("mnist"), false).size());
        CliRun again = CliRun.ok("data", "fetch", "mnist", "--mirror", shared.toString(), "--dir",
                directory.toString());
        assertTrue(again.out().contains("(0 downloaded)"), again.out());
    }

    @Test
    void aCorruptMirrorFailsWithExitCode1AndKeepsNothing() throws IOException {
        Path mirror = Files.createDirectory(directory.resolve("mirror"));
        Files.writeString(mirror.resolve("train-images-idx3-ubyte.gz"), "not the images");
        Path target = directory.resolve("cache");
        data("fetch", "fashion-mnist", "--mirror", mirror.toUri().toString(), "--dir", target.toString())
                .assertFails(1, "dendrite data fetch: ", "train-images-idx3-ubyte.gz: expected 26421880 bytes from ",
                        "the mirror announces 14; nothing was fetched");
        try (var files = Files.list(target.resolve("fashion-mnist"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void usageErrorsExitWith2() {
        data("fetch", "iris", "--dir", directory.toString()).assertFails(2, "dendrite data fetch: ",
                "expected a downloadable data set, one of [mnist, fashion-mnist], got 'iris' (bundled, nothing to "
                        + "download)");
        data("fetch", "mnist", "--mirror", "ftp://example.org/").assertFails(2, "dendrite data fetch: ", "--mirror");
        data().assertFails(2, "dendrite data: ");
        data("fetch").assertFails(2, "dendrite data fetch: ");
    }

    @Test
    void theDefaultFolderIsTheEnvironmentVariableElseTheUserCache() {
        assertEquals(Path.of("/data"), DataCommand.defaultDirectory("/data", "/home/me"));
        assertEquals(Path.of("/home/me/.cache/dendrite"), DataCommand.defaultDirectory(null, "/home/me"));
        assertEquals(Path.of("/home/me/.cache/dendrite"), DataCommand.defaultDirectory(" ", "/home/me"));
    }
}
