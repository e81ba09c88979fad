package dev.dendrite.cli.plot;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot saliency}: which pixels the prediction hangs on. Backpropagation, run to
 * the input instead of the weights, gives the gradient of the predicted class's score with respect
 * to every pixel; its magnitude is drawn beside the image.
 */
@Command(name = "saliency", mixinStandardHelpOptions = true,
        description = "Plot an image beside the gradient of the predicted class's score with respect to its pixels.",
        footer = {"", "Example:", "  dendrite plot saliency --model mnist.safetensors --data mnist:DIR --index 7 --out saliency.png"})
final class SaliencyPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Mixin
    ModelDataOptions source;

    @Option(names = "--index", paramLabel = "I", defaultValue = "0",
            description = "The row of the data (its test split when it has one; default: 0).")
    int index;

    @Override
    public Integer call() throws IOException {
        // three square tiles in a row, their captions and the heading: about 0.42 of the width
        output.defaultHeight(output.width * 42 / 100);
        output.validate();
        ModelData md = source.load("plot saliency");
        int side = ImageShape.require(md.model(), "plot saliency");
        if (index < 0 || index >= md.set().size()) {
            throw new IllegalArgumentException("--index: expected a row from 0 to " + (md.set().size() - 1) + " of "
                    + md.set().name() + ", got " + index);
        }
        Tensor input = md.input(index);
        Saliency.Result result = Saliency.of(md.model().model(), input);
        float[] pixels = md.raw().features().sliceRows(index, index + 1).toArray();
        float[] magnitude = result.gradient().clone();
        float[] positive = result.gradient().clone();
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.abs(magnitude[i]);
        }
        String predicted = md.model().classNames().get(result.predicted());
        List<TileGrid.Tile> tiles = List.of(
                new TileGrid.Tile(pixels, side, side, TileGrid.ColorMap.INK, "input (true: " + md.label(index) + ")"),
                new TileGrid.Tile(magnitude, side, side, TileGrid.ColorMap.HEAT, "|gradient|"),
                new TileGrid.Tile(positive, side, side, TileGrid.ColorMap.DIVERGING, "gradient (red raises the score)"));
        String heading = String.format(Locale.ROOT, "Saliency of row %d of %s: predicted %s (p = %.3f)", index,
                md.set().name(), predicted, result.probability());
        String subheading = "gradient of the predicted class's score (logit) with respect to each input pixel";
        output.write(TileGrid.render(heading, subheading, tiles, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }
}
