package dev.dendrite.cli.plot;

import dev.dendrite.cli.DataSpec;
import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.Dataset;
import dev.dendrite.tensor.Tensor;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot boundary}: the decision regions of a classifier with two input features,
 * coloured by predicted class, with the data points on top in their true class's colour.
 */
@Command(name = "boundary", mixinStandardHelpOptions = true,
        description = "Plot the decision regions of a 2-D classifier (such as one trained on spiral) with its data.",
        footer = {"", "Example:",
            "  dendrite train --data spiral --model mlp:2-64-3:relu --epochs 300 --out spiral.safetensors",
            "  dendrite plot boundary --model spiral.safetensors --data spiral --out boundary.png"})
final class BoundaryPlotCommand implements Callable<Integer> {
    static final int GRID = 200;
    private static final Color[] DARK = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
        new Color(0x9467BD), new Color(0xFF7F0E), new Color(0x8C564B)};

    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Data with two features.")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    @Override
    public Integer call() throws IOException {
        output.validate();
        TrainedModel model = TrainedModel.load(modelFile);
        Dataset set = DataSpec.load(data, seed, model.classNames()).evaluationSet();
        int features = set.features().size() / Math.max(1, set.size());
        if (!model.isClassification() || features != 2) {
            throw new ParameterException(spec.commandLine(), "expected a classifier of 2 features, got "
                    + (model.isClassification() ? features + " features" : "a regression model"));
        }
        model.checkFits(set);
        JFreeChart chart = chart(model, set);
        output.write(ChartGrid.render("Decision boundary", modelFile.getFileName() + " on " + set.name()
                + ": shaded by predicted class, points in their true class's colour",
                List.of(chart), 1, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    /**
     * The chart: no title of its own (the page's heading is the title), each axis running from one
     * tick to another a little beyond the data, the regions as one box per run of equal predictions
     * along a grid row, and the points in their true class's colour, named in the legend.
     */
    static JFreeChart chart(TrainedModel model, Dataset set) {
        float[] x = set.features().data();
        double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < set.size(); i++) {
            range[0] = Math.min(range[0], x[2 * i]);
            range[1] = Math.max(range[1], x[2 * i]);
            range[2] = Math.min(range[2], x[2 * i + 1]);
            range[3] = Math.max(range[3], x[2 * i + 1]);
        }
        NumberAxis across = axis("x1", range[0], range[1]);
        NumberAxis down = axis("x2", range[2], range[3]);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(across);
        plot.setRangeAxis(down);
        plot.setDataset(0, points(set));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < set.numClasses(); c++) {
            dots.setSeriesPaint(c, DARK[c % DARK.length]);
            dots.setSeriesShape(c, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            dots.setSeriesOutlinePaint(c, Color.WHITE);
        }
        dots.setUseOutlinePaint(true);
        dots.setDrawOutlines(true);
        plot.setRenderer(0, dots);
        int[] classes = regions(model, across.getLowerBound(), across.getUpperBound(), down.getLowerBound(),
                down.getUpperBound());
        double cellWidth = across.getRange().getLength() / GRID;
        double cellHeight = down.getRange().getLength() / GRID;
        for (int row = 0; row < GRID; row++) {
            int col = 0;
            while (col < GRID) {
                int predicted = classes[row * GRID + col];
                int end = col + 1;
                while (end < GRID && classes[row * GRID + end] == predicted) {
                    end++;
                }
                double y0 = down.getLowerBound() + row * cellHeight;
                // half a cell taller: the next row covers the overlap, and antialiasing leaves no seam
                dots.addAnnotation(new XYBoxAnnotation(across.getLowerBound() + col * cellWidth, y0,
                        across.getLowerBound() + end * cellWidth, y0 + 1.5 * cellHeight, null, null, light(predicted)),
                        Layer.BACKGROUND);
                col = end;
            }
        }
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** An axis from a tick below {@code low} to a tick above {@code high}, with room around the data. */
    private static NumberAxis axis(String label, double low, double high) {
        double pad = 0.05 * (high - low) + 1e-6;
        double step = niceStep((high - low + 2 * pad) / 8);
        NumberAxis axis = new NumberAxis(label);
        axis.setTickUnit(new NumberTickUnit(step));
        axis.setRange(Math.floor((low - pad) / step) * step, Math.ceil((high + pad) / step) * step);
        return axis;
    }

    /** 1, 2, 2.5 or 5 times a power of ten, the smallest at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= rough * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static Color light(int predicted) {
        Color dark = DARK[predicted % DARK.length];
        return new Color((dark.getRed() + 3 * 255) / 4, (dark.getGreen() + 3 * 255) / 4, (dark.getBlue() + 3 * 255) / 4);
    }

    private static XYSeriesCollection points(Dataset set) {
        XYSeriesCollection collection = new XYSeriesCollection();
        XYSeries[] series = new XYSeries[set.numClasses()];
        for (int c = 0; c < series.length; c++) {
            String name = set.classNames().get(c);
            // generated sets name classes by number: "class 0" says what the legend entry is
            series[c] = new XYSeries(name.chars().allMatch(Character::isDigit) ? "class " + name : name, false, true);
            collection.addSeries(series[c]);
        }
        float[] x = set.features().data();
        float[] t = set.targets().data();
        for (int i = 0; i < set.size(); i++) {
            series[(int) t[i]].add(x[2 * i], x[2 * i + 1]);
        }
        return collection;
    }

    /** The predicted class at the centre of each cell of a GRID x GRID grid over the box, row by row from the bottom. */
    private static int[] regions(TrainedModel model, double x0, double x1, double y0, double y1) {
        float[] grid = new float[GRID * GRID * 2];
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int i = row * GRID + col;
                grid[2 * i] = (float) (x0 + (col + 0.5) * (x1 - x0) / GRID);
                grid[2 * i + 1] = (float) (y0 + (row + 0.5) * (y1 - y0) / GRID);
            }
        }
        Tensor output = model.predict(Tensor.wrap(grid, GRID * GRID, 2));
        return output.shape().dim(1) == 1 ? threshold(output) : output.argmax(1);
    }

    private static int[] threshold(Tensor logits) {
        float[] z = logits.data();
        int[] classes = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            classes[i] = z[i] > 0 ? 1 : 0;
        }
        return classes;
    }
}
