package dev.dendrite.cli.plot;

import dev.dendrite.cli.TrainedModel;
import dev.dendrite.nn.Dense;
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
 * {@code dendrite plot weights}: what the first layer looks for. For image inputs, each neuron's
 * incoming weights as an image of the input's size (blue negative, red positive); otherwise the
 * weight matrix as one heat map, a row per neuron and a column per input.
 */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Plot the first Dense layer's weights: one tile per neuron for image data, else a heat map.",
        footer = {"", "Example:", "  dendrite plot weights --model mnist.safetensors --out weights.png"})
final class WeightsPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--max", paramLabel = "N", defaultValue = "100",
            description = "Draw at most N neurons' tiles (default: ${DEFAULT-VALUE}).")
    int max;

    @Override
    public Integer call() throws IOException {
        output.validate();
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max: expected a count >= 1, got " + max);
        }
        TrainedModel model = TrainedModel.load(modelFile);
        Dense dense = firstDense(model);
        float[] weight = dense.weight().toArray();
        int in = dense.inFeatures();
        int out = dense.outFeatures();
        int side = ImageShape.side(model);
        List<TileGrid.Tile> tiles = new ArrayList<>();
        String subheading;
        if (side > 0 && side * side == in) {
            int shown = Math.min(out, max);
            for (int j = 0; j < shown; j++) {
                float[] tile = new float[in];
                for (int k = 0; k < in; k++) {
                    tile[k] = weight[k * out + j];
                }
                tiles.add(new TileGrid.Tile(tile, side, side, TileGrid.ColorMap.DIVERGING, null));
            }
            subheading = "each tile: one neuron's " + side + "x" + side + " incoming weights (" + shown + " of " + out
                    + " neurons); red positive, blue negative, scaled per tile";
        } else {
            float[] matrix = new float[out * in];
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < out; j++) {
                    matrix[j * in + k] = weight[k * out + j];
                }
            }
            tiles.add(new TileGrid.Tile(matrix, out, in, TileGrid.ColorMap.DIVERGING, null));
            subheading = "rows: " + out + " neurons, columns: " + in + " inputs; red positive, blue negative";
        }
        String heading = "First-layer weights, " + dense + " — " + modelFile.getFileName();
        output.write(TileGrid.render(heading, subheading, tiles, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    private Dense firstDense(TrainedModel model) {
        for (Module layer : model.model().layers()) {
            if (layer instanceof Dense dense) {
                return dense;
            }
        }
        throw new IllegalArgumentException("plot weights: expected a model with a Dense layer, got "
                + model.model().layers().size() + " layers without one");
    }
}
