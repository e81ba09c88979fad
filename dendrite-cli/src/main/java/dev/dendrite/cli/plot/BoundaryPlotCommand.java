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
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
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
        output.write(ChartGrid.render("Decision boundary", modelFile.getFileName() + " on " + set.name(),
                List.of(chart), 1, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    static JFreeChart chart(TrainedModel model, Dataset set) {
        float[] x = set.features().data();
        double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < set.size(); i++) {
            range[0] = Math.min(range[0], x[2 * i]);
            range[1] = Math.max(range[1], x[2 * i]);
            range[2] = Math.min(range[2], x[2 * i + 1]);
            range[3] = Math.max(range[3], x[2 * i + 1]);
        }
        double padX = 0.1 * (range[1] - range[0]) + 1e-6;
        double padY = 0.1 * (range[3] - range[2]) + 1e-6;
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("x1"));
        plot.setRangeAxis(new NumberAxis("x2"));
        plot.getDomainAxis().setRange(range[0] - padX, range[1] + padX);
        plot.getRangeAxis().setRange(range[2] - padY, range[3] + padY);
        plot.setDataset(0, points(set));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < set.numClasses(); c++) {
            dots.setSeriesPaint(c, DARK[c % DARK.length]);
            dots.setSeriesShape(c, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setRenderer(0, dots);
        plot.setDataset(1, regions(model, range[0] - padX, range[1] + padX, range[2] - padY, range[3] + padY));
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth((range[1] - range[0] + 2 * padX) / GRID);
        blocks.setBlockHeight((range[3] - range[2] + 2 * padY) / GRID);
        LookupPaintScale scale = new LookupPaintScale(-0.5, set.numClasses() - 0.5, Color.WHITE);
        for (int c = 0; c < set.numClasses(); c++) {
            Color dark = DARK[c % DARK.length];
            scale.add(c - 0.5, new Color((dark.getRed() + 3 * 255) / 4, (dark.getGreen() + 3 * 255) / 4,
                    (dark.getBlue() + 3 * 255) / 4));
        }
        blocks.setPaintScale(scale);
        blocks.setSeriesVisibleInLegend(0, false);
        plot.setRenderer(1, blocks);
        JFreeChart chart = new JFreeChart("Predicted class regions and data points", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        return chart;
    }

    private static XYSeriesCollection points(Dataset set) {
        XYSeriesCollection collection = new XYSeriesCollection();
        XYSeries[] series = new XYSeries[set.numClasses()];
        for (int c = 0; c < series.length; c++) {
            series[c] = new XYSeries(set.classNames().get(c), false, true);
            collection.addSeries(series[c]);
        }
        float[] x = set.features().data();
        float[] t = set.targets().data();
        for (int i = 0; i < set.size(); i++) {
            series[(int) t[i]].add(x[2 * i], x[2 * i + 1]);
        }
        return collection;
    }

    private static DefaultXYZDataset regions(TrainedModel model, double x0, double x1, double y0, double y1) {
        float[] grid = new float[GRID * GRID * 2];
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int i = row * GRID + col;
                grid[2 * i] = (float) (x0 + (col + 0.5) * (x1 - x0) / GRID);
                grid[2 * i + 1] = (float) (y0 + (row + 0.5) * (y1 - y0) / GRID);
            }
        }
        Tensor output = model.predict(Tensor.wrap(grid, GRID * GRID, 2));
        int[] classes = output.shape().dim(1) == 1 ? threshold(output) : output.argmax(1);
        double[][] xyz = new double[3][GRID * GRID];
        for (int i = 0; i < GRID * GRID; i++) {
            xyz[0][i] = grid[2 * i];
            xyz[1][i] = grid[2 * i + 1];
            xyz[2][i] = classes[i];
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("regions", xyz);
        return dataset;
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
