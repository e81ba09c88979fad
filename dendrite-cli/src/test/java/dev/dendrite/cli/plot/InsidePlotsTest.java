package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot weights|saliency|layers|misclassified} on a digits model (8×8 images) and an iris model (a table). */
class InsidePlotsTest {
    @TempDir
    static Path trained;

    @TempDir
    Path directory;

    static Path digits;
    static Path iris;

    @BeforeAll
    static void trainModels() {
        digits = CliRun.train(trained, "digits", "--data", "digits", "--model", "mlp:64-32-10:relu", "--epochs", "3");
        iris = CliRun.train(trained, "iris", "--data", "iris", "--model", "mlp:4-8-3:tanh", "--epochs", "5");
    }

    @Test
    void weightsOfAnImageModelAreTilesOfRedAndBlue() throws IOException {
        BufferedImage image = plot("weights", "--model", digits.toString(), "--width", "900", "--height", "700");
        assertEquals(900, image.getWidth());
        int red = 0;
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                red += rgb == 0xFF0000 ? 1 : 0;     // a tile's largest positive weight
                blue += rgb == 0x0000FF ? 1 : 0;    // or its largest negative one
            }
        }
        assertTrue(red > 0 && blue > 0, "red " + red + ", blue " + blue);
    }

    @Test
    void weightsOfATableModelAreAHeatMap() throws IOException {
        plot("weights", "--model", iris.toString());
    }

    @Test
    void saliencyLayersAndMistakesOfTheDigitsModel() throws IOException {
        plot("saliency", "--model", digits.toString(), "--data", "digits", "--index", "5", "--width", "1200",
                "--height", "600");
        plot("layers", "--model", digits.toString(), "--data", "digits", "--samples", "200");
        plot("misclassified", "--model", digits.toString(), "--data", "digits", "--count", "9");
    }

    @Test
    void everyPictureIsAlsoAVectorSvg() throws IOException {
        SvgPicture weights = svg("weights", "--model", digits.toString());
        assertTrue(weights.count("rect") >= 32 * 8, "a rectangle per run of equal colour: " + weights.count("rect"));
        SvgPicture saliency = svg("saliency", "--model", digits.toString(), "--data", "digits", "--index", "5");
        assertTrue(saliency.strings().contains("|gradient|"), saliency.strings().toString());
        SvgPicture layers = svg("layers", "--model", digits.toString(), "--data", "digits", "--samples", "100");
        assertTrue(layers.count("path") + layers.count("rect") > 20);
        SvgPicture mistakes = svg("misclassified", "--model", digits.toString(), "--data", "digits", "--count", "4");
        assertTrue(mistakes.strings().stream().anyMatch(s -> s.contains("true")), mistakes.strings().toString());
        for (SvgPicture picture : List.of(weights, saliency, layers, mistakes)) {
            assertEquals(0, picture.count("image"), "no embedded pixels");
            assertEquals("1500", picture.root().getAttribute("width"));
        }
    }

    @Test
    void saliencyByDefaultIsAsTallAsItsRowOfTilesWithEvenMargins() throws IOException {
        BufferedImage image = plotImage("saliency", 1500, 630, "--model", digits.toString(), "--data", "digits",
                "--index", "5");
        int[] ink = inkRows(image);
        int below = image.getHeight() - 1 - ink[1];
        assertTrue(below < image.getHeight() / 8, "empty band at the bottom: " + below + " of " + image.getHeight());
        assertTrue(Math.abs(below - ink[0]) < image.getHeight() / 10, "margins above " + ink[0] + " and below " + below);
        // an explicit --height is kept, and the tiles grow into it (two rows here) or are centred in it
        BufferedImage tall = plotImage("saliency", 1500, 1400, "--model", digits.toString(), "--data", "digits",
                "--index", "5", "--height", "1400");
        int[] tallInk = inkRows(tall);
        int tallBelow = tall.getHeight() - 1 - tallInk[1];
        assertTrue(tallBelow < tall.getHeight() / 8, "empty band at the bottom: " + tallBelow + " of 1400");
        assertTrue(Math.abs(tallBelow - tallInk[0]) < tall.getHeight() / 10, "margins " + tallInk[0] + ", " + tallBelow);
    }

    /** The first and last rows with anything but white. */
    private static int[] inkRows(BufferedImage image) {
        int first = -1;
        int last = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    first = first < 0 ? y : first;
                    last = y;
                    break;
                }
            }
        }
        return new int[] {first, last};
    }

    @Test
    void layersTitlesCarryTheDeadShare() throws IOException {
        plot("layers", "--model", iris.toString(), "--data", "iris");
    }

    @Test
    void badInputFailsWithOneLine() {
        String out = directory.resolve("x.png").toString();
        CliRun.of("plot", "saliency", "--model", iris.toString(), "--data", "iris", "--out", out)
                .assertFails(1, "expected a model of square images", "[4]");
        CliRun.of("plot", "misclassified", "--model", iris.toString(), "--data", "iris", "--out", out)
                .assertFails(1, "expected a model of square images");
        CliRun.of("plot", "saliency", "--model", digits.toString(), "--data", "digits", "--index", "5000", "--out", out)
                .assertFails(1, "--index", "got 5000");
        CliRun.of("plot", "saliency", "--model", digits.toString(), "--data", "iris", "--out", out)
                .assertFails(1, "expected 64 features");
        CliRun.of("plot", "misclassified", "--model", digits.toString(), "--data", "digits", "--count", "0",
                "--out", out).assertFails(2, "--count");
        CliRun.of("plot", "layers", "--model", digits.toString(), "--data", "digits", "--samples", "0", "--out", out)
                .assertFails(2, "--samples");
        CliRun.of("plot", "weights", "--model", directory.resolve("missing.safetensors").toString(), "--out", out)
                .assertFails(1, "missing.safetensors");
    }

    /** {@code plot KIND OPTIONS... --out FILE}. */
    private static String[] plotArguments(String kind, Path file, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "plot";
        args[1] = kind;
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = file.toString();
        return args;
    }

    private SvgPicture svg(String kind, String... options) throws IOException {
        Path file = directory.resolve(kind + ".svg");
        String[] args = plotArguments(kind, file, options);
        assertEquals("wrote " + file, CliRun.ok(args).out().strip());
        return SvgPicture.read(file);
    }

    private BufferedImage plotImage(String kind, int width, int height, String... options) throws IOException {
        Path png = directory.resolve(kind + "-" + height + ".png");
        String[] args = plotArguments(kind, png, options);
        CliRun.ok(args);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }

    private BufferedImage plot(String kind, String... options) throws IOException {
        Path png = directory.resolve(kind + ".png");
        String[] args = plotArguments(kind, png, options);
        CliRun run = CliRun.ok(args);
        assertEquals("wrote " + png, run.out().strip());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO cannot read " + png);
        int width = 1500;
        int height = 1400;
        for (int i = 0; i + 1 < options.length; i++) {
            width = options[i].equals("--width") ? Integer.parseInt(options[i + 1]) : width;
            height = options[i].equals("--height") ? Integer.parseInt(options[i + 1]) : height;
        }
        assertEquals(width, image.getWidth(), png + " width");
        assertEquals(height, image.getHeight(), png + " height");
        return image;
    }
}
