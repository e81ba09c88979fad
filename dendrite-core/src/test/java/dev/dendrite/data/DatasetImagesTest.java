package dev.dendrite.data;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImagesTest {
    @TempDir
    Path directory;

    private Dataset threeImages() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, (byte) 204, 0, 0, 0, 1, 2, 3, 4};
        Idx.write(directory.resolve("train-images-idx3-ubyte"), new IdxData(pixels, new int[] {3, 2, 2}));
        Idx.write(directory.resolve("train-labels-idx1-ubyte"), new IdxData(new byte[] {5, 0, 9}, new int[] {3}));
        return Mnist.load(directory, true);
    }

    @Test
    void idxImagesKnowTheirShapeAndViewAsImagesOrRowsWithoutCopying() throws IOException {
        Dataset rows = threeImages();
        assertArrayEquals(new int[] {1, 2, 2}, rows.imageShape());
        assertArrayEquals(new int[] {3, 4}, rows.features().shape().dims());

        Dataset images = rows.viewAs(1, -1, -1);
        assertArrayEquals(new int[] {3, 1, 2, 2}, images.features().shape().dims());
        assertSame(rows.features().data(), images.features().data(), "the image view copied the pixels");
        assertSame(rows.targets(), images.targets());
        assertArrayEquals(new int[] {1, 2, 2}, images.imageShape());

        assertSame(rows, rows.viewAs(4), "a view that is already right is the set itself");
        Dataset back = images.viewAs(-1);
        assertArrayEquals(new int[] {3, 4}, back.features().shape().dims());
        assertSame(rows.features().data(), back.features().data());
    }

    @Test
    void subsetsSplitsAndBatchesKeepTheImageShape() throws IOException {
        Dataset images = threeImages().viewAs(1, 2, 2);
        assertArrayEquals(new int[] {1, 2, 2}, images.subset(new int[] {2, 0}).imageShape());
        assertArrayEquals(new int[] {2, 1, 2, 2}, images.subset(new int[] {2, 0}).features().shape().dims());
        assertArrayEquals(new int[] {1, 2, 2}, images.split(0.5, 1)[1].imageShape());
        Iterator<Batch> batches = new Batches(images, 2, false, 1).epoch(0).iterator();
        Batch first = batches.next();
        assertArrayEquals(new int[] {2, 1, 2, 2}, first.features().shape().dims());
        assertArrayEquals(new float[] {0.2f, 0.4f}, new float[] {first.features().get(0, 0, 1, 0),
            first.features().get(0, 0, 1, 1)}, 1e-7f);
    }

    @Test
    void theBundledDigitsAreOneByEightByEightAndIrisIsNoImage() {
        Dataset digits = Bundled.load("digits");
        assertArrayEquals(new int[] {1, 8, 8}, digits.imageShape());
        assertArrayEquals(new int[] {1797, 1, 8, 8}, digits.viewAs(1, -1, -1).features().shape().dims());
        assertNull(Bundled.load("iris").imageShape());
    }

    @Test
    void aViewThatDoesNotFitNamesBothShapes() throws IOException {
        Dataset rows = threeImages();
        assertThrowsMentioning(IllegalArgumentException.class, () -> rows.viewAs(3, -1, -1), "[3, *, *]", "[4]",
                "[1, 2, 2]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> rows.viewAs(784), "[784]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Bundled.load("iris").viewAs(1, -1, -1),
                "[1, *, *]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> rows.withImageShape(1, 3, 3), "[1, 3, 3]",
                "4 values");
    }
}
