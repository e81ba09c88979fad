package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlotCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code plot} with Main's handling of failures: one line on stderr, exit code 1. */
    private int plot(String... args) {
        CommandLine commandLine = new CommandLine(new PlotCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Test
    void writesAReadablePngOfTheRequestedSize() throws IOException {
        Path file = directory.resolve("activations.png");
        assertEquals(0, plot("activations", "--out", file.toString(), "--width", "900", "--height", "800"), err.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(900, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(out.toString().contains("wrote " + file), out.toString());
    }

    @Test
    void defaultSizeIs1500By1400() throws IOException {
        Path file = directory.resolve("default.png");
        assertEquals(0, plot("activations", "--out", file.toString()), err.toString());
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1500, image.getWidth());
        assertEquals(1400, image.getHeight());
    }

    @Test
    void drawsBothTheValueAndTheDerivativeCurves() throws IOException {
        Path file = directory.resolve("curves.png");
        assertEquals(0, plot("activations", "--out", file.toString()), err.toString());
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
        assertEquals(1, plot("activations", "--out", file.toString()));
        assertEquals("activations: cannot write " + file + ": directory " + file.getParent() + " does not exist",
                err.toString().trim());
        assertFalse(Files.exists(file));
    }

    @Test
    void aDirectoryAsOutputFails() {
        assertEquals(1, plot("activations", "--out", directory.toString()));
        assertTrue(err.toString().startsWith("activations: cannot write " + directory + ": "), err.toString());
    }

    @Test
    void sizesOutsideTheLimitsAreUsageErrors() {
        Path file = directory.resolve("tiny.png");
        assertEquals(2, plot("activations", "--out", file.toString(), "--width", "100"));
        assertTrue(err.toString().contains("--width: expected 600 to 6000 pixels, got 100"), err.toString());
        assertEquals(2, plot("activations", "--out", file.toString(), "--height", "100000"));
        assertTrue(err.toString().contains("--height: expected 600 to 6000 pixels, got 100000"), err.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void missingOutOrSubcommandAreUsageErrors() {
        assertEquals(2, plot("activations"));
        assertTrue(err.toString().contains("--out"), err.toString());
        assertEquals(2, plot());
        assertTrue(err.toString().contains("expected what to plot (activations, history, confusion, boundary, weights, saliency, layers, "
                + "misclassified), got nothing"), err.toString());
    }
}
