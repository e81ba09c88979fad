package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --input image.png}: grey levels g/255, scaling, inversion of white backgrounds. */
class ImageInputTest {
    @TempDir
    Path directory;

    /** A grey image whose pixel (x, y) is {@code levels[y][x]}, each drawn as a scale × scale block. */
    private Path png(String name, int[][] levels, int scale, boolean invert) throws Exception {
        int height = levels.length * scale;
        int width = levels[0].length * scale;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int g = levels[y / scale][x / scale];
                g = invert ? 255 - g : g;
                image.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        Path file = directory.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** An 8x8 digit-like stroke: 0 background, 255 and 128 ink. */
    private static int[][] stroke() {
        int[][] levels = new int[8][8];
        for (int y = 1; y < 7; y++) {
            levels[y][3] = 255;
            levels[y][4] = 128;
        }
        return levels;
    }

    @Test
    void greyLevelsBecomeValuesOver255() throws Exception {
        float[] values = ImageInput.pixels(png("dark.png", stroke(), 1, false), 8, 8);
        assertEquals(0f, values[0]);
        assertEquals(1f, values[8 + 3]);
        assertEquals(128 / 255f, values[8 + 4]);
        assertEquals(0f, values[7 * 8 + 3]);
    }

    @Test
    void aWhiteBackgroundIsInverted() throws Exception {
        float[] dark = ImageInput.pixels(png("dark.png", stroke(), 1, false), 8, 8);
        float[] white = ImageInput.pixels(png("white.png", stroke(), 1, true), 8, 8);
        assertArrayEquals(dark, white);
    }

    @Test
    void aLargerImageIsScaledToTheModelsInput() throws Exception {
        float[] dark = ImageInput.pixels(png("dark.png", stroke(), 1, false), 8, 8);
        float[] large = ImageInput.pixels(png("large.png", stroke(), 4, true), 8, 8);   // 32x32, white paper
        assertArrayEquals(dark, large, 1e-6f);
    }

    @Test
    void scalingByAFractionWeightsPartlyCoveredPixelsByTheirOverlap() {
        // 3 pixels onto 2: the first output covers pixel 0 and half of pixel 1: (0 + 0.5 * 90) / 1.5 = 30;
        // the second covers the other half of pixel 1 and pixel 2: (0.5 * 90 + 180) / 1.5 = 150.
        assertArrayEquals(new double[] {30, 150}, ImageInput.scale(new double[] {0, 90, 180}, 3, 1, 2, 1), 1e-9);
    }

    @Test
    void predictOnAPngEqualsPredictOnItsPixelValues() throws Exception {
        Path model = CliRun.train(directory, "cnn", "--data", "digits", "--model", "conv:4:3,relu,flatten,dense:10",
                "--epochs", "1");
        Path image = png("digit.png", stroke(), 3, true);                  // 24x24, dark ink on white
        float[] pixels = ImageInput.pixels(image, 8, 8);
        StringJoiner values = new StringJoiner(",");
        for (float value : pixels) {
            values.add(String.format(Locale.ROOT, "%.9g", value));
        }
        String fromImage = CliRun.ok("predict", "--model", model.toString(), "--input", image.toString()).out();
        String fromValues = CliRun.ok("predict", "--model", model.toString(), "--input", values.toString()).out();
        assertEquals(fromValues, fromImage);
        String two = CliRun.ok("predict", "--model", model.toString(), "--input", image + "," + image).out();
        assertEquals(fromValues + fromValues.replace("row 1:", "row 2:"), two);
        CliRun.of("predict", "--model", model.toString(), "--input", directory.resolve("none.png").toString())
                .assertFails(1, "predict: expected an image file, got", "(no such file)");
    }

    @Test
    void aTableModelRejectsAnImageInOneLine() throws Exception {
        Path model = CliRun.train(directory, "iris", "--data", "iris", "--model", "mlp:4-8-3:tanh", "--epochs", "1");
        Path image = png("digit.png", stroke(), 1, false);
        CliRun.of("predict", "--model", model.toString(), "--input", image.toString())
                .assertFails(1, "predict: expected a model taking one-channel images", "got input shape [4]");
    }
}
