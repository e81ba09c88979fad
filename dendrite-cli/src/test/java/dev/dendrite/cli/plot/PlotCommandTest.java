package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.dendrite.cli.CliRun;

class PlotCommandTest {
    @TempDir
    Path directory;

    /** Runs {@code dendrite plot ARGS} through {@code Main.run}, as the launcher does. */
    private static CliRun plot(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "plot";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    private static CliRun ok(String... args) {
        CliRun run = plot(args);
        assertEquals(0, run.code(), run.err());
        return run;
    }

    @Test
    void writesAReadablePngOfTheRequestedSize() throws IOException {
        Path file = directory.resolve("activations.png");
        CliRun run = ok("activations", "--out", file.toString(), "--width", "900", "--height", "800");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(900, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(run.out().contains("wrote " + file), run.out());
    }

    @Test
    void defaultSizeIs1500By1400() throws IOException {
        Path file = directory.resolve("default.png");
        ok("activations", "--out", file.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1500, image.getWidth());
        assertEquals(1400, image.getHeight());
    }

    @Test
    void drawsBothTheValueAndTheDerivativeCurves() throws IOException {
        Path file = directory.resolve("curves.png");
        ok("activations", "--out", file.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        int blue = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += rgb == 0x1F77B4 ? 1 : 0;
                red += rgb == 0xD62728 ? 1 : 0;
            }
        }
        // Nine solid curves about 3 px wide and over 300 px long; six dashed ones about half as inked.
        assertTrue(blue > 9 * 300, "pixels of the f(x) colour: " + blue);
        assertTrue(red > 6 * 300, "pixels of the f'(x) colour: " + red);
    }

    @Test
    void unwritablePathFailsWithOneClearLine() {
        Path file = directory.resolve("missing").resolve("a.png");
        CliRun run = plot("activations", "--out", file.toString()).assertFails(1);
        assertEquals("dendrite plot activations: cannot write " + file + ": directory " + file.getParent()
                + " does not exist", run.err().trim());
        assertFalse(Files.exists(file));
    }

    @Test
    void aDirectoryAsOutputFails() throws IOException {
        Path folder = Files.createDirectory(directory.resolve("pictures.png"));
        CliRun run = plot("activations", "--out", folder.toString()).assertFails(1);
        assertTrue(run.err().startsWith("dendrite plot activations: cannot write " + folder + ": "), run.err());
    }

    @Test
    void aNameThatIsNeitherPngNorSvgIsAUsageError() {
        Path file = directory.resolve("curves.jpg");
        plot("activations", "--out", file.toString()).assertFails(2,
                "dendrite plot activations: --out: expected a file name ending in .png or .svg, got '" + file + "'");
        assertFalse(Files.exists(file));
    }

    @Test
    void anSvgNameWritesAVectorPictureOfEveryPanel() throws IOException {
        Path file = directory.resolve("curves.SVG");
        ok("activations", "--out", file.toString(), "--width", "900", "--height", "800");
        SvgPicture svg = SvgPicture.read(file);
        assertEquals("900", svg.root().getAttribute("width"));
        assertEquals("800", svg.root().getAttribute("height"));
        assertEquals(0, svg.count("image"), "no embedded pixels");
        for (ActivationPlotRenderer.Panel panel : ActivationPlotRenderer.panels()) {
            assertTrue(svg.strings().contains(panel.title()), panel.title() + " in " + svg.strings());
        }
        // nine curves and six dashed derivatives, each one path; each derivative's legend line dashed too
        assertTrue(svg.count("path") >= 15, "paths: " + svg.count("path"));
        long dashed = svg.elements("path").stream().filter(e -> e.hasAttribute("stroke-dasharray")).count();
        assertEquals(6 + 6, dashed);
    }

    @Test
    void sizesOutsideTheLimitsAreUsageErrors() {
        Path file = directory.resolve("tiny.png");
        plot("activations", "--out", file.toString(), "--width", "100").assertFails(2,
                "dendrite plot activations: --width: expected 600 to 6000 pixels, got 100");
        plot("activations", "--out", file.toString(), "--height", "100000").assertFails(2,
                "dendrite plot activations: --height: expected 600 to 6000 pixels, got 100000");
        assertFalse(Files.exists(file));
    }

    @Test
    void missingOutOrSubcommandAreUsageErrors() {
        plot("activations").assertFails(2, "dendrite plot activations: ", "--out");
        plot().assertFails(2, "dendrite plot: expected what to plot (activations, history, confusion, boundary, weights, "
                + "saliency, layers, misclassified, filters), got nothing");
    }
}
