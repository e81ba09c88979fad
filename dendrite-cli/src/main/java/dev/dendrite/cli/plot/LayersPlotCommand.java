package dev.dendrite.cli.plot;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.statistics.HistogramDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot layers}: a histogram of each layer's outputs over a sample of inputs, with
 * the share of dead ReLU outputs (and units dead on every input) or saturated sigmoid/tanh outputs
 * in the titles.
 */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Plot a histogram of each layer's outputs over a sample of inputs, with dead and saturated "
                + "shares in the titles.",
        footer = {"", "Example:", "  dendrite plot layers --model mnist.safetensors --data mnist:DIR --out layers.png"})
final class LayersPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Mixin
    ModelDataOptions source;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000",
            description = "Use the first N rows (of the test split when there is one; default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() throws IOException {
        output.validate();
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples: expected a count >= 1, got " + samples);
        }
        ModelData md = source.load("plot layers");
        int rows = Math.min(samples, md.set().size());
        Tensor inputs = md.set().features().sliceRows(0, rows).copy();
        List<JFreeChart> charts = new ArrayList<>();
        for (LayerActivations layer : LayerActivations.of(md.model().model(), inputs)) {
            charts.add(histogram(layer));
        }
        int columns = charts.size() <= 3 ? charts.size() : charts.size() <= 4 ? 2 : 3;
        output.write(ChartGrid.render("Layer outputs — " + source.modelFile.getFileName(), rows + " inputs of "
                + md.set().name(), charts, columns, output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    private static JFreeChart histogram(LayerActivations layer) {
        HistogramDataset dataset = new HistogramDataset();
        double[] values = new double[layer.values().length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            values[i] = layer.values()[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        if (max <= min) {
            max = min + 1;   // one value everywhere: a single bar instead of an empty range
        }
        dataset.addSeries("outputs", values, 50, min, max);
        JFreeChart chart = ChartFactory.createHistogram(layer.title(), "output value", "count", dataset,
                PlotOrientation.VERTICAL, false, false, false);
        XYBarRenderer renderer = (XYBarRenderer) chart.getXYPlot().getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new java.awt.Color(0x33, 0x66, 0xAA));
        return chart;
    }
}
