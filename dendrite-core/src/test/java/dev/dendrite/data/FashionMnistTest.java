package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @Test
    void namesTheClasses(@TempDir Path directory) throws IOException {
        Idx.write(directory.resolve("t10k-images-idx3-ubyte"), new IdxData(new byte[2], new int[] {2, 1, 1}));
        Idx.write(directory.resolve("t10k-labels-idx1-ubyte"), new IdxData(new byte[] {9, 0}, new int[] {2}));
        Dataset test = FashionMnist.load(directory, false);
        assertEquals("fashion-mnist-test", test.name());
        assertEquals("Ankle boot", test.classNames().get((int) test.targets().get(0)));
        assertEquals("T-shirt/top", test.classNames().get(0));
    }

    @Test
    void realFashionMnistTestSet() throws IOException {
        Path fashion = MnistTest.realDirectory("Fashion-MNIST", FashionMnist.defaultDirectory(),
                FashionMnist.searchedDirectories());
        Dataset test = FashionMnist.load(fashion, false);
        assertArrayEquals(new int[] {10000, 784}, test.features().shape().dims());
        int[] thousandEach = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
        assertArrayEquals(thousandEach, test.classCounts());
        MnistTest.assertPixelRange(test);
    }
}
