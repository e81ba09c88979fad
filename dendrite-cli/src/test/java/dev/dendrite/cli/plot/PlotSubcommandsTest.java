package dev.dendrite.cli.plot;

import dev.dendrite.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite plot history|confusion|boundary} through {@link Main}, on trained models and reports. */
class PlotSubcommandsTest {
    @TempDir
    static Path trained;

    @TempDir
    Path directory;

    static Path iris;
    static Path sine;
    static Path xor;

    @BeforeAll
    static void trainModels() {
        iris = CliRun.train(trained, "iris", "--data", "iris", "--model", "mlp:4-16-3:relu", "--epochs", "10",
                "--lr", "0.05");
        sine = CliRun.train(trained, "sine", "--data", "sine", "--model", "mlp:1-8-1:tanh", "--epochs", "3");
        xor = CliRun.train(trained, "xor", "--data", "xor", "--model", "mlp:2-8-1:tanh", "--epochs", "30",
                "--lr", "0.05");
    }

    @Test
    void historyOfATrainingReport() throws IOException {
        Path png = directory.resolve("history.png");
        CliRun run = CliRun.ok("plot", "history", "--history", trained.resolve("iris-report/history.csv").toString(),
                "--out", png.toString(), "--width", "1000", "--height", "700");
        assertEquals("wrote " + png, run.out().strip());
        assertImage(png, 1000, 700);
    }

    @Test
    void historySvgNamesTheRunAndTheLayers() throws IOException {
        Path svg = directory.resolve("history.svg");
        CliRun.ok("plot", "history", "--history", trained.resolve("iris-report/history.csv").toString(),
                "--out", svg.toString());
        SvgPicture picture = SvgPicture.read(svg);
        List<String> strings = picture.strings();
        // the model beside the report names the run and the layers
        assertTrue(strings.containsAll(List.of("Training history", "iris.safetensors trained on iris, 10 epochs",
                "Loss", "Accuracy", "Gradient norm per layer", "Dead ReLU units", "Dense 1 (4→16)", "Dense 2 (16→3)")),
                strings.toString());
        assertFalse(strings.stream().anyMatch(s -> s.contains("layers.")), strings.toString());
        assertEquals(0, picture.count("image"));

        Path copy = Files.createDirectories(directory.resolve("elsewhere")).resolve("history.csv");
        Files.copy(trained.resolve("iris-report/history.csv"), copy);
        CliRun.ok("plot", "history", "--history", copy.toString(), "--out", svg.toString());
        assertTrue(SvgPicture.read(svg).strings().contains("run elsewhere, 10 epochs"), "no model: the folder names the run");
        CliRun.ok("plot", "history", "--history", copy.toString(), "--model", iris.toString(), "--out", svg.toString());
        assertTrue(SvgPicture.read(svg).strings().contains("Dense 2 (16→3)"), "--model names the layers");
    }

    @Test
    void historyOfARegressionReport() throws IOException {
        Path png = directory.resolve("sine.png");
        CliRun.ok("plot", "history", "--history", trained.resolve("sine-report/history.csv").toString(),
                "--out", png.toString());
        assertImage(png, 1500, 1400);
    }

    @Test
    void malformedHistoryFailsNamingTheFileAndLine() throws IOException {
        Path png = directory.resolve("h.png");
        Path shortRow = Files.writeString(directory.resolve("short.csv"), "epoch,seconds,loss\n1,0.1,0.5\n2,0.1\n");
        CliRun.of("plot", "history", "--history", shortRow.toString(), "--out", png.toString())
                .assertFails(1, "dendrite plot history: " + shortRow + " line 3: expected 3 columns, got 2");
        Path word = Files.writeString(directory.resolve("word.csv"), "epoch,seconds,loss\n1,0.1,0.5\n2,0.1,abc\n");
        CliRun.of("plot", "history", "--history", word.toString(), "--out", png.toString())
                .assertFails(1, word + " line 3: expected a number, got 'abc'");
        Path header = Files.writeString(directory.resolve("header.csv"), "step,loss\n1,0.5\n");
        CliRun.of("plot", "history", "--history", header.toString(), "--out", png.toString())
                .assertFails(1, header + " line 1: expected a header starting with epoch,seconds");
        Path empty = Files.writeString(directory.resolve("empty.csv"), "epoch,seconds,loss\n");
        CliRun.of("plot", "history", "--history", empty.toString(), "--out", png.toString())
                .assertFails(1, empty + ": expected at least one epoch, got none");
        Path missing = directory.resolve("missing.csv");
        CliRun.of("plot", "history", "--history", missing.toString(), "--out", png.toString())
                .assertFails(1, "no such file: " + missing);
        assertFalse(Files.exists(png));
    }

    @Test
    void confusionOfAClassifier() throws IOException {
        Path png = directory.resolve("confusion.png");
        CliRun.ok("plot", "confusion", "--model", iris.toString(), "--data", "iris", "--out", png.toString());
        assertImage(png, 1400, 1400);
    }

    @Test
    void confusionSvgHasACellAndACountPerPair() throws IOException {
        Path svg = directory.resolve("confusion.svg");
        CliRun.ok("plot", "confusion", "--model", iris.toString(), "--data", "iris", "--out", svg.toString(),
                "--width", "900", "--height", "900");
        SvgPicture picture = SvgPicture.read(svg);
        assertEquals("900", picture.root().getAttribute("width"));
        assertTrue(picture.count("rect") >= 1 + 9, "background and 9 cells: " + picture.count("rect"));
        assertTrue(picture.strings().containsAll(List.of("setosa", "versicolor", "virginica", "predicted class",
                "true class")), picture.strings().toString());
    }

    @Test
    void confusionOfARegressionModelIsAUsageError() {
        Path png = directory.resolve("c.png");
        CliRun.of("plot", "confusion", "--model", sine.toString(), "--data", "sine", "--out", png.toString())
                .assertFails(2, "dendrite plot confusion: expected a classifier, got a regression model",
                        "(try 'dendrite plot confusion --help')");
        assertFalse(Files.exists(png));
    }

    @Test
    void boundaryOfATwoFeatureClassifier() throws IOException {
        Path png = directory.resolve("boundary.png");
        CliRun.ok("plot", "boundary", "--model", xor.toString(), "--data", "xor", "--out", png.toString(),
                "--width", "800", "--height", "800");
        BufferedImage image = assertImage(png, 800, 800);
        // The regions are pastel versions of the class colours; both classes must own some area.
        int blueRegion = 0;
        int redRegion = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blueRegion += rgb == pastel(0x1F77B4) ? 1 : 0;
                redRegion += rgb == pastel(0xD62728) ? 1 : 0;
            }
        }
        assertTrue(blueRegion > 10_000 && redRegion > 10_000, "region pixels: " + blueRegion + ", " + redRegion);
    }

    @Test
    void boundarySvgHasOneTitleClassNamesAndRegionsAsShapes() throws IOException {
        Path svg = directory.resolve("boundary.svg");
        CliRun.ok("plot", "boundary", "--model", xor.toString(), "--data", "xor", "--out", svg.toString());
        SvgPicture picture = SvgPicture.read(svg);
        List<String> strings = picture.strings();
        assertEquals(1, strings.stream().filter(s -> s.equals("Decision boundary")).count(), strings.toString());
        assertFalse(strings.contains("Predicted class regions and data points"), "one title only");
        assertTrue(strings.containsAll(List.of("class 0", "class 1", "x1", "x2")), strings.toString());
        List<String> fills = picture.elements("rect").stream().map(e -> e.getAttribute("fill")).toList();
        assertTrue(fills.contains(String.format("#%06x", pastel(0x1F77B4)))
                && fills.contains(String.format("#%06x", pastel(0xD62728))), "both regions drawn");
        assertEquals(0, picture.count("image"));
        // runs of equal predictions are one rectangle each: far fewer than the 200 x 200 grid
        assertTrue(picture.count("rect") < 5_000, "rects: " + picture.count("rect"));
    }

    @Test
    void boundaryNeedsATwoFeatureClassifier() {
        Path png = directory.resolve("b.png");
        CliRun.of("plot", "boundary", "--model", iris.toString(), "--data", "iris", "--out", png.toString())
                .assertFails(2, "dendrite plot boundary: expected a classifier of 2 features, got 4 features",
                        "(try 'dendrite plot boundary --help')");
        CliRun.of("plot", "boundary", "--model", sine.toString(), "--data", "sine", "--out", png.toString())
                .assertFails(2, "expected a classifier of 2 features, got a regression model");
        CliRun.of("plot", "boundary", "--model", xor.toString(), "--data", "spiral", "--out", png.toString())
                .assertFails(1, "expected the model's 2 classes [0, 1], got 3 classes [0, 1, 2] in spiral");
        assertFalse(Files.exists(png));
    }

    @Test
    void plotWithoutAKindIsAUsageErrorListingThem() {
        CliRun.of("plot").assertFails(2, "dendrite plot: expected what to plot (activations, history, confusion, "
                + "boundary, weights, saliency, layers, misclassified, filters), got nothing");
        CliRun.of("plot", "pie", "--out", "x.png").assertFails(2, "dendrite plot:", "'pie'");
    }

    private static int pastel(int rgb) {
        int r = ((rgb >> 16) + 3 * 255) / 4;
        int g = (((rgb >> 8) & 0xFF) + 3 * 255) / 4;
        int b = ((rgb & 0xFF) + 3 * 255) / 4;
        return (r << 16) | (g << 8) | b;
    }

    private static BufferedImage assertImage(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        return image;
    }
}
