package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save either replaces the file whole or leaves the old one; it never leaves temporary files. */
class ModelFileAtomicSaveTest {
    @TempDir
    Path directory;

    private static Sequential model(long seed) {
        Random random = new Random(seed);
        return new Sequential(new Dense(3, 5, random), new ReLU(), new Dense(5, 2, random));
    }

    private List<String> files() throws IOException {
        return names(directory);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameWeights(Sequential expected, Sequential actual) {
        Map<String, Tensor> actualParameters = actual.namedParameters();
        expected.namedParameters().forEach((name, tensor) ->
                assertArrayEquals(tensor.data(), actualParameters.get(name).data(), name));
    }

    @Test
    void successLeavesOnlyTheTargetAndReplacesAnOldFile() throws IOException {
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model(1), Map.of("run", "first"));
        Sequential second = model(2);
        ModelFile.save(file, second, Map.of("run", "second"));
        assertEquals(List.of("model.safetensors"), files());
        SavedModel loaded = ModelFile.load(file);
        assertEquals("second", loaded.metadata().get("run"));
        assertSameWeights(second, loaded.model());
    }

    @Test
    void anIoErrorHalfwayKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path file = directory.resolve("model.safetensors");
        Sequential good = model(3);
        ModelFile.save(file, good, Map.of("run", "good"));
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> ModelWriter.write(file, model(4), Map.of("run", "bad"),
                name -> {
                    if (name.equals("layers.0.bias")) {
                        throw new IOException("disk full (simulated)");
                    }
                }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals(List.of("model.safetensors"), files());
        assertArrayEquals(before, Files.readAllBytes(file));
        SavedModel loaded = ModelFile.load(file);
        assertEquals("good", loaded.metadata().get("run"));
        assertSameWeights(good, loaded.model());
    }

    @Test
    void anUncheckedErrorHalfwayKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model(5), Map.of());
        byte[] before = Files.readAllBytes(file);
        assertThrows(UncheckedIOException.class, () -> ModelWriter.write(file, model(6), Map.of(), name -> {
            throw new UncheckedIOException(new IOException("interrupted (simulated)"));
        }));
        assertEquals(List.of("model.safetensors"), files());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aFailedRenameRemovesTheTemporary() throws IOException {
        Path target = Files.createDirectory(directory.resolve("model.safetensors"));
        Files.writeString(target.resolve("inside.txt"), "keeps the directory non-empty");
        assertThrows(IOException.class, () -> ModelFile.save(target, model(7), Map.of()));
        assertEquals(List.of("model.safetensors"), files());
        assertEquals(List.of("inside.txt"), names(target));
    }

    @Test
    void aModelThatCannotBeDescribedWritesNothing() throws IOException {
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model(8), Map.of());
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(file, model(9), Map.of("architecture", "mine")));
        assertEquals(List.of("model.safetensors"), files());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aMissingDirectoryIsAnIoErrorWithNothingCreated() throws IOException {
        Path file = directory.resolve("absent").resolve("model.safetensors");
        assertThrows(IOException.class, () -> ModelFile.save(file, model(10), Map.of()));
        assertEquals(List.of(), files());
    }
}
