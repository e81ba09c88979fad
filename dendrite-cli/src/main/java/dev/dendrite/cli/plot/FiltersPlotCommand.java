package dev.dendrite.cli.plot;

import dev.dendrite.cli.TrainedModel;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot filters}: what the first convolution looks for. Each kernel of the first
 * {@link Conv2d} is drawn as a small image, {@code kernel × kernel} values, blue negative and red
 * positive, scaled per tile; a layer with several input channels gets one tile per (filter, input
 * channel) pair, the channels of a filter side by side.
 */
@Command(name = "filters", mixinStandardHelpOptions = true,
        description = "Plot the first Conv2d layer's kernels as a grid of small images.",
        footer = {"", "Example:", "  dendrite plot filters --model mnist-cnn.safetensors --out filters.png"})
final class FiltersPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--max", paramLabel = "N", defaultValue = "256",
            description = "Draw at most N tiles (default: ${DEFAULT-VALUE}).")
    int max;

    @Override
    public Integer call() throws IOException {
        output.validate();
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max: expected a count >= 1, got " + max);
        }
        TrainedModel model = TrainedModel.load(modelFile);
        Conv2d conv = firstConv(model);
        List<TileGrid.Tile> tiles = tiles(conv, max);
        int filters = conv.outChannels();
        int channels = conv.inChannels();
        int k = conv.kernel();
        String subheading = "each tile: one " + k + "x" + k + " kernel"
                + (channels > 1 ? " for one input channel (" + channels + " per filter)" : "")
                + "; " + tiles.size() + " tiles of " + filters * channels
                + "; red positive, blue negative, scaled per tile";
        String heading = "First convolution's filters: " + filters + " of " + k + "x" + k + ", " + channels
                + (channels == 1 ? " input channel" : " input channels") + " — " + modelFile.getFileName();
        output.write(TileGrid.render(heading, subheading, tiles, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    /** One tile per (filter, input channel), filter-major, at most {@code max} of them. */
    static List<TileGrid.Tile> tiles(Conv2d conv, int max) {
        float[] weight = conv.weight().toArray();    // [out, in, k, k], row-major
        int channels = conv.inChannels();
        int k = conv.kernel();
        int count = Math.min(max, conv.outChannels() * channels);
        List<TileGrid.Tile> tiles = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            float[] tile = new float[k * k];
            System.arraycopy(weight, t * k * k, tile, 0, k * k);
            String caption = channels > 1 ? (t / channels) + "." + (t % channels) : String.valueOf(t);
            tiles.add(new TileGrid.Tile(tile, k, k, TileGrid.ColorMap.DIVERGING, caption));
        }
        return tiles;
    }

    private static Conv2d firstConv(TrainedModel model) {
        for (Module layer : model.model().layers()) {
            if (layer instanceof Conv2d conv) {
                return conv;
            }
        }
        throw new IllegalArgumentException("plot filters: expected a model with a Conv2d layer, got "
                + model.model().layers().size() + " layers without one");
    }
}
