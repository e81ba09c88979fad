package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path directory;

    private void writeSet(String prefix, String extension, byte[] pixels, int[] imageDims, byte[] labels)
            throws IOException {
        Idx.write(directory.resolve(prefix + "-images-idx3-ubyte" + extension), new IdxData(pixels, imageDims));
        Idx.write(directory.resolve(prefix + "-labels-idx1-ubyte" + extension),
                new IdxData(labels, new int[] {labels.length}));
    }

    @Test
    void loadsAndScalesASmallGzippedTrainingSet() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, (byte) 204, 0, 0, 0, 1, 2, 3, 4};
        writeSet("train", ".gz", pixels, new int[] {3, 2, 2}, new byte[] {5, 0, 9});
        Dataset train = Mnist.load(directory, true);
        assertEquals("mnist-train", train.name());
        assertArrayEquals(new int[] {3, 4}, train.features().shape().dims());
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, train.features().sliceRows(0, 1).toArray(), 1e-7f);
        assertArrayEquals(new float[] {5, 0, 9}, train.targets().toArray());
        assertEquals(Mnist.CLASS_NAMES, train.classNames());
    }

    @Test
    void loadsARawTestSet() throws IOException {
        writeSet("t10k", "", new byte[] {10, 20}, new int[] {2, 1, 1}, new byte[] {1, 2});
        Dataset test = Mnist.load(directory, false);
        assertEquals("mnist-test", test.name());
        assertArrayEquals(new float[] {1, 2}, test.targets().toArray());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeSet("train", ".gz", new byte[12], new int[] {3, 2, 2}, new byte[] {1, 2});
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(directory, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("got 3 images and 2 labels"), e.getMessage());
    }

    @Test
    void labelsMustNameAClass() throws IOException {
        writeSet("train", "", new byte[2], new int[] {2, 1, 1}, new byte[] {3, 10});
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(directory, true));
        IdxTest.assertNamesFile(directory.resolve("train-labels-idx1-ubyte"), e);
        assertTrue(e.getMessage().contains("expected labels in [0, 9], got 10 at byte 9"), e.getMessage());
    }

    @Test
    void missingFileNamesBothForms() throws IOException {
        Idx.write(directory.resolve("train-images-idx3-ubyte"), new IdxData(new byte[1], new int[] {1, 1, 1}));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(directory, true));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz or train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void brokenFileInsideTheFolderIsReportedByName() throws IOException {
        writeSet("train", ".gz", new byte[4], new int[] {1, 2, 2}, new byte[] {1});
        Path images = directory.resolve("train-images-idx3-ubyte.gz");
        Files.write(images, IdxTest.gzip(IdxTest.header(Idx.LABELS_MAGIC, 1)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(directory, true));
        assertEquals(images + ": expected magic number 2051 (images), got 2049 at byte 0", e.getMessage());
    }

    // ---- the real data set, when present ----

    static Path realDirectory(String name, Optional<Path> found, Object searched) {
        Assumptions.assumeTrue(found.isPresent(), name + " not found at " + searched + ": skipping");
        return found.get();
    }

    @Test
    void realMnistTrainingSet() throws IOException {
        Path mnist = realDirectory("MNIST", Mnist.defaultDirectory(), Mnist.searchedDirectories());
        Dataset train = Mnist.load(mnist, true);
        assertArrayEquals(new int[] {60000, 784}, train.features().shape().dims());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        assertEquals(5f, train.targets().get(0), "the first training digit is a 5");
        assertPixelRange(train);
    }

    @Test
    void realMnistTestSet() throws IOException {
        Path mnist = realDirectory("MNIST", Mnist.defaultDirectory(), Mnist.searchedDirectories());
        Dataset test = Mnist.load(mnist, false);
        assertArrayEquals(new int[] {10000, 784}, test.features().shape().dims());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
        assertEquals(7f, test.targets().get(0), "the first test digit is a 7");
        assertPixelRange(test);
    }

    static void assertPixelRange(Dataset dataset) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float pixel : dataset.features().data()) {
            min = Math.min(min, pixel);
            max = Math.max(max, pixel);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
