package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.CliRun;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot filters}: the first convolution's kernels as tiles. */
class FiltersPlotCommandTest {
    @TempDir
    Path directory;

    @Test
    void eachTileIsOneKernelOfOneInputChannelFilterMajor() {
        // weight [out=2, in=2, 2, 2] = 0..15: filter 0 channel 0 is 0,1,2,3; filter 1 channel 0 is 8,9,10,11
        float[] values = new float[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Conv2d conv = new Conv2d(Tensor.wrap(values, 2, 2, 2, 2), null, 1, 0, 1);
        List<TileGrid.Tile> tiles = FiltersPlotCommand.tiles(conv, 3);
        assertEquals(3, tiles.size());
        assertArrayEquals(new float[] {0, 1, 2, 3}, tiles.get(0).values());
        assertArrayEquals(new float[] {4, 5, 6, 7}, tiles.get(1).values());
        assertArrayEquals(new float[] {8, 9, 10, 11}, tiles.get(2).values());
        assertEquals("0.1", tiles.get(1).caption());
        assertEquals("1.0", tiles.get(2).caption());
        assertEquals(2, tiles.get(0).rows());
        assertEquals(2, tiles.get(0).columns());
    }

    @Test
    void aTrainedConvModelDrawsRedAndBlueTiles() throws Exception {
        Path model = CliRun.train(directory, "cnn", "--data", "digits", "--model", "conv:6:3,relu,flatten,dense:10",
                "--epochs", "1");
        Path out = directory.resolve("filters.png");
        CliRun run = CliRun.of("plot", "filters", "--model", model.toString(), "--out", out.toString(),
                "--width", "800", "--height", "600");
        assertEquals(0, run.code(), run.err());
        BufferedImage image = ImageIO.read(out.toFile());
        assertNotNull(image);
        assertEquals(800, image.getWidth());
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

        Path svg = directory.resolve("filters.svg");
        CliRun.ok("plot", "filters", "--model", model.toString(), "--out", svg.toString());
        SvgPicture picture = SvgPicture.read(svg);
        assertEquals(0, picture.count("image"));
        // 6 filters of 3x3: at least one rectangle per kernel row, and the largest weights in full red and blue
        assertTrue(picture.count("rect") >= 6 * 3, "rects: " + picture.count("rect"));
        List<String> fills = picture.elements("rect").stream().map(e -> e.getAttribute("fill")).toList();
        assertTrue(fills.contains("#ff0000") && fills.contains("#0000ff"), "fills " + fills);
    }

    @Test
    void aModelWithoutConvolutionFailsWithOneLine() {
        Path model = CliRun.train(directory, "mlp", "--data", "iris", "--model", "mlp:4-8-3:tanh", "--epochs", "1");
        CliRun.of("plot", "filters", "--model", model.toString(), "--out", directory.resolve("x.png").toString())
                .assertFails(1, "plot filters: expected a model with a Conv2d layer, got ", "layers without one");
    }
}
