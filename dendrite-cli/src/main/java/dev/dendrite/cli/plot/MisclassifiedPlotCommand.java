package dev.dendrite.cli.plot;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot misclassified}: the worst mistakes of an image classifier, those it made
 * with the highest probability on the wrong class, each captioned with its row, true and
 * predicted class.
 */
@Command(name = "misclassified", mixinStandardHelpOptions = true,
        description = "Plot an image classifier's most confident mistakes with their true and predicted classes.",
        footer = {"", "Example:", "  dendrite plot misclassified --model mnist.safetensors --data mnist:DIR --out mistakes.png"})
final class MisclassifiedPlotCommand implements Callable<Integer> {
    private static final int BATCH = 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Mixin
    ModelDataOptions source;

    @Option(names = "--count", paramLabel = "N", defaultValue = "36",
            description = "Show the N worst mistakes (default: ${DEFAULT-VALUE}).")
    int count;

    /** A wrong prediction: the row, the predicted class and its probability. */
    record Mistake(int row, int predicted, float probability) {
    }

    @Override
    public Integer call() throws IOException {
        output.validate();
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count: expected a count >= 1, got " + count);
        }
        ModelData md = source.load("plot misclassified");
        int side = ImageShape.require(md.model(), "plot misclassified");
        List<Mistake> mistakes = mistakes(md);
        mistakes.sort(Comparator.comparingDouble((Mistake m) -> -m.probability()));
        String heading = String.format(Locale.ROOT, "%d of %d misclassified (%.2f%%) — %s", mistakes.size(),
                md.set().size(), 100.0 * mistakes.size() / md.set().size(), md.set().name());
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (Mistake m : mistakes.subList(0, Math.min(count, mistakes.size()))) {
            float[] pixels = md.raw().features().sliceRows(m.row(), m.row() + 1).toArray();
            String caption = String.format(Locale.ROOT, "#%d: %s→%s %.2f", m.row(), md.label(m.row()),
                    md.model().classNames().get(m.predicted()), m.probability());
            tiles.add(new TileGrid.Tile(pixels, side, side, TileGrid.ColorMap.INK, caption));
        }
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("plot misclassified: expected at least one mistake, got none in "
                    + md.set().size() + " rows of " + md.set().name());
        }
        String subheading = "the " + tiles.size() + " most confident mistakes: row: true→predicted, probability";
        output.write(TileGrid.render(heading, subheading, tiles, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    private static List<Mistake> mistakes(ModelData md) {
        List<Mistake> mistakes = new ArrayList<>();
        md.model().model().eval();
        int n = md.set().size();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                Tensor scores = md.model().model().forward(md.set().features().sliceRows(from, to));
                int classes = scores.shape().dim(1);
                float[] p = (classes == 1 ? binary(scores) : new Softmax().forward(scores)).toArray();
                int width = Math.max(2, classes);
                for (int r = 0; r < to - from; r++) {
                    int best = 0;
                    for (int c = 1; c < width; c++) {
                        best = p[r * width + c] > p[r * width + best] ? c : best;
                    }
                    if (best != (int) md.set().targets().get(from + r)) {
                        mistakes.add(new Mistake(from + r, best, p[r * width + best]));
                    }
                }
            }
        }
        return mistakes;
    }

    /** Two columns, 1 − p and p, from a one-output binary classifier's scores. */
    private static Tensor binary(Tensor scores) {
        float[] s = scores.toArray();
        float[] p = new float[2 * s.length];
        for (int r = 0; r < s.length; r++) {
            float q = (float) (1 / (1 + Math.exp(-s[r])));
            p[2 * r] = 1 - q;
            p[2 * r + 1] = q;
        }
        return Tensor.wrap(p, s.length, 2);
    }
}
