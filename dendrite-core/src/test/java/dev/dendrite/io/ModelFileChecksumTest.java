package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files carry a checksum of their header and data (format version 2), and loading refuses
 * NaN or infinite parameters unless asked not to.
 */
class ModelFileChecksumTest {
    @TempDir
    Path directory;

    private Path saved(Sequential model) throws IOException {
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model, Map.of("dendrite.classes", "[\"setosa\",\"versicolor\",\"virginica\"]"));
        return file;
    }

    private static Sequential model() {
        Random random = new Random(3);
        return new Sequential(new Dense(4, 6, random), new ReLU(), new Dense(6, 3, random));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertTrue(at > 0, from);
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, at, to.length());
        Files.write(file, bytes);
    }

    @Test
    void aChangedClassNameInTheMetadataIsRefused() throws IOException {
        Path file = saved(model());
        ModelFile.load(file);
        replace(file, "versicolor", "virginicb");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": expected a header and data with checksum "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the file is damaged"), e.getMessage());
    }

    @Test
    void aVersionEntryTurnedToOneDoesNotSkipTheChecksum() throws IOException {
        // found by ModelFileFuzzTest: a version-1 file has no checksum, but one that has is still checked
        Path file = saved(model());
        replace(file, "\"format_version\":\"2\"", "\"format_version\":\"1\"");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().endsWith("; the file is damaged"), e.getMessage());
    }

    @Test
    void aFlippedWeightBitIsRefused() throws IOException {
        Path file = saved(model());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 7] ^= 0x10;
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("the file is damaged"), e.getMessage());
    }

    @Test
    void aChangedArchitectureFieldIsRefused() throws IOException {
        Path file = saved(new Sequential(new Dense(4, 6, new Random(1)), new dev.dendrite.nn.Dropout(0.3,
                new Random(2)), new Dense(6, 3, new Random(3))));
        replace(file, "0.3", "0.5");
        assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
    }

    @Test
    void aNanWeightIsRefusedNamingTheTensorUnlessAllowed() throws IOException {
        Sequential model = model();
        model.namedParameters().get("layers.2.weight").data()[7] = Float.NaN;
        model.namedParameters().get("layers.2.weight").data()[9] = Float.NaN;
        Path file = saved(model);
        NonFiniteParameterException e = assertThrows(NonFiniteParameterException.class, () -> ModelFile.load(file));
        assertEquals(file + ": tensor 'layers.2.weight' holds 2 non-finite values (the first, NaN, at flat index 7 "
                + "of 18), expected finite parameters; the run that wrote it diverged or the file is damaged",
                e.getMessage());
        SavedModel loaded = ModelFile.load(file, new Random(0), true);
        assertTrue(Float.isNaN(loaded.model().namedParameters().get("layers.2.weight").data()[7]));
    }

    @Test
    void anInfiniteBiasIsRefusedToo() throws IOException {
        Sequential model = model();
        model.namedParameters().get("layers.0.bias").data()[0] = Float.NEGATIVE_INFINITY;
        Path file = saved(model);
        NonFiniteParameterException e = assertThrows(NonFiniteParameterException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("tensor 'layers.0.bias' holds 1 non-finite value (the first, -Infinity"),
                e.getMessage());
    }

    @Test
    void aStaleTemporaryOfADeadProcessIsRemovedAndALiveOnesIsKept() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path dead = directory.resolve(".model.safetensors." + ended.pid() + "-1.tmp");
        Path alive = directory.resolve(".model.safetensors." + live + "-1.tmp");
        Path own = directory.resolve(".model.safetensors." + ProcessHandle.current().pid() + "-999999.tmp");
        Path other = directory.resolve(".other.safetensors." + ended.pid() + "-1.tmp");
        for (Path file : new Path[] {dead, alive, own, other}) {
            Files.write(file, new byte[] {1, 2, 3});
        }
        saved(model());
        assertFalse(Files.exists(dead), "the dead process's leftover is removed");
        assertTrue(Files.exists(alive), "a live process's file is never touched");
        assertTrue(Files.exists(own), "nor this process's own (another thread may be saving)");
        assertTrue(Files.exists(other), "nor one of another target, left for its own next save");
    }
}
