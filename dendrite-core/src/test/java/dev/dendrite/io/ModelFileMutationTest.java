package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Tanh;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of a valid file. The only allowed outcomes are a successful load or a {@link
 * ModelFormatException} with a message (a flipped data bit fails the checksum); never another
 * exception and never an OutOfMemoryError.
 */
class ModelFileMutationTest {
    @TempDir
    Path directory;

    private byte[] valid;
    private int dataStart;

    @BeforeEach
    void writeValidFile() throws IOException {
        Random random = new Random(11);
        Sequential model = new Sequential(new Dense(3, 4, random), new LeakyReLU(0.05f), new Dense(4, 4, random),
                new ELU(), new Dropout(0.25, random), new Dense(4, 2, random), new Tanh(), new Softmax());
        Path file = directory.resolve("valid.safetensors");
        ModelFile.save(file, model, Map.of("classes", "left,right"));
        valid = Files.readAllBytes(file);
        dataStart = 8 + (int) ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        Path file = directory.resolve("cut.safetensors");
        for (int length = 0; length < valid.length; length++) {
            Files.write(file, Arrays.copyOf(valid, length));
            String outcome = load(file, "truncated to " + length + " bytes");
            assertTrue(outcome.startsWith(file + ": "), "truncated to " + length + " bytes loaded: " + outcome);
        }
    }

    @Test
    void flippedBitsInTheHeaderLoadOrAreRefused() throws IOException {
        int refused = flipBits(0, dataStart, 400, 12);
        assertTrue(refused > 200, "most header flips break the header, got only " + refused + " of 400 refused");
    }

    @Test
    void flippedBitsInTheDataAreRefusedByTheChecksum() throws IOException {
        assertEquals(200, flipBits(dataStart, valid.length, 200, 13), "every data flip fails the file's crc32");
    }

    @Test
    void severalFlipsAnywhereLoadOrAreRefused() throws IOException {
        Random random = new Random(14);
        Path file = directory.resolve("flipped.safetensors");
        for (int trial = 0; trial < 200; trial++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int bit = random.nextInt(bytes.length * 8);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            Files.write(file, bytes);
            load(file, "trial " + trial + " with " + flips + " flips");
        }
    }

    /** Flips one random bit in [from, to) per case; returns how many cases were refused. */
    private int flipBits(int from, int to, int cases, long seed) throws IOException {
        Random random = new Random(seed);
        Path file = directory.resolve("flipped.safetensors");
        int refused = 0;
        for (int trial = 0; trial < cases; trial++) {
            byte[] bytes = valid.clone();
            int position = from + random.nextInt(to - from);
            int bit = random.nextInt(8);
            bytes[position] ^= (byte) (1 << bit);
            Files.write(file, bytes);
            if (!load(file, "bit " + bit + " of byte " + position).isEmpty()) {
                refused++;
            }
        }
        return refused;
    }

    /** Loads the file: "" on success, the message on a ModelFormatException, a test failure otherwise. */
    private static String load(Path file, String mutation) {
        try {
            ModelFile.load(file);
            return "";
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage() != null && e.getMessage().startsWith(file + ": "),
                    mutation + ": message without the file: " + e.getMessage());
            return e.getMessage();
        } catch (Throwable e) {
            return fail(mutation + ": expected a load or a ModelFormatException, got " + e, e);
        }
    }
}
