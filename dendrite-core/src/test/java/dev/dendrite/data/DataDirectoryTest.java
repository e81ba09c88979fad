package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path root;

    @Test
    void environmentVariableComesFirstThenTheWorkingDirectoryAndItsParents() {
        Path work = root.resolve("checkout").resolve("module");
        List<Path> candidates = DataDirectory.candidates("mnist", "/data/sets", work);
        assertEquals(Path.of("/data/sets/mnist"), candidates.get(0));
        assertEquals(work.resolve("shared/data/mnist"), candidates.get(1));
        assertEquals(root.resolve("checkout/shared/data/mnist"), candidates.get(2));
        assertEquals(root.resolve("shared/data/mnist"), candidates.get(3));
        List<Path> withoutVariable = DataDirectory.candidates("mnist", null, work);
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "dendrite", "mnist"), withoutVariable.get(0),
                "without DENDRITE_DATA, the folder 'dendrite data fetch' writes to comes first");
        assertEquals(candidates.get(1), withoutVariable.get(1));
    }

    @Test
    void findsTheFirstFolderHoldingTheData() throws IOException {
        Path work = Files.createDirectories(root.resolve("checkout/module"));
        Path empty = Files.createDirectories(root.resolve("environment/mnist"));
        Path shared = Files.createDirectories(root.resolve("shared/data/mnist"));
        Files.write(shared.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        List<Path> candidates = DataDirectory.candidates("mnist", root.resolve("environment").toString(), work);
        assertEquals(empty, candidates.get(0));
        assertEquals(Optional.of(shared), DataDirectory.find(candidates, "train-images-idx3-ubyte"));
        assertTrue(DataDirectory.find(candidates.subList(0, 1), "train-images-idx3-ubyte").isEmpty());
    }
}
