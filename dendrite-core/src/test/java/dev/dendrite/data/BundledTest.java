package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledTest {
    @Test
    void digitsHas1797ImagesOf64PixelsInTenClasses() {
        Dataset digits = Bundled.load("digits");
        assertEquals("digits", digits.name());
        assertArrayEquals(new int[] {1797, 64}, digits.features().shape().dims());
        assertEquals(10, digits.numClasses());
        assertEquals(Mnist.CLASS_NAMES, digits.classNames());
        // Class counts as documented for scikit-learn's copy.
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, digits.classCounts());
        // First row of the file: a zero.
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(digits.features().data(), 8));
        assertEquals(0, digits.targets().data()[0]);
        for (float pixel : digits.features().data()) {
            assertTrue(pixel >= 0 && pixel <= 16 && pixel == Math.rint(pixel), "pixel " + pixel);
        }
    }

    @Test
    void irisHas150FlowersOf4MeasurementsInThreeNamedClasses() {
        Dataset iris = Bundled.load("iris");
        assertArrayEquals(new int[] {150, 4}, iris.features().shape().dims());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.features().sliceRows(0, 1).toArray());
        double sepalLength = 0;
        for (int row = 0; row < 150; row++) {
            sepalLength += iris.features().data()[4 * row];
        }
        assertEquals(5.843, sepalLength / 150, 1e-3, "mean sepal length from the data set's description");
    }

    @Test
    void namesListsBothAndUnknownNamesAreRefused() {
        assertEquals(List.of("digits", "iris"), Bundled.names());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Bundled.load("wine"));
        assertEquals("Bundled.load: expected one of [digits, iris], got 'wine'", error.getMessage());
    }

    @Test
    void theAttributionShipsBesideTheData() throws IOException {
        try (InputStream in = Bundled.class.getResourceAsStream("ATTRIBUTION.txt")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("BSD-3-Clause") && text.contains("scikit-learn"), text);
        }
    }
}
