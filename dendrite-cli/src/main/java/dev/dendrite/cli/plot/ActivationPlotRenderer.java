package dev.dendrite.cli.plot;

import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot activations}: one PNG with the activation functions on x in [-5, 5]. The
 * first row is the article's figure (ReLU, binary step, tanh); below it the other activations,
 * each with its derivative as a dashed second curve.
 *
 * <p>Every point comes from the library: the value from the activation's forward pass and the
 * derivative from backpropagating through it, so the picture shows what training would use.
 */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Plot the activation functions (and their derivatives) to a PNG or SVG file.",
        footer = {"", "Example:", "  dendrite plot activations --out activations.png --width 1500 --height 1400"})
final class ActivationPlotRenderer implements Callable<Integer> {
    static final float FROM = -5f;
    static final float TO = 5f;
    static final int POINTS = 401;
    private static final Color VALUE_COLOR = new Color(0x1F, 0x77, 0xB4);
    private static final Color DERIVATIVE_COLOR = new Color(0xD6, 0x27, 0x28);

    /** One small chart: its title, the activation, and whether to draw the derivative too. */
    record Panel(String title, ElementwiseActivation activation, boolean withDerivative) {
    }

    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Override
    public Integer call() throws Exception {
        output.validate();
        System.setProperty("java.awt.headless", "true");
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel panel : panels()) {
            charts.add(chart(panel));
        }
        Picture picture = ChartGrid.render("Activation functions",
                "Top row: the article's figure.  Below: f(x) solid, derivative f'(x) dashed.",
                charts, 3, output.width, output.height);
        output.write(picture);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output.out + " (" + output.width + " x " + output.height + " pixels)");
        return 0;
    }

    /** The panels in reading order: the article's three, then the others with derivatives. */
    static List<Panel> panels() {
        return List.of(
                new Panel("ReLU", new ReLU(), false),
                new Panel("Binary step", new BinaryStep(), false),
                new Panel("Tanh", new Tanh(), false),
                new Panel("Sigmoid", new Sigmoid(), true),
                // alpha 0.1 rather than the default 0.01, whose slope would be invisible at this scale
                new Panel("Leaky ReLU (alpha = 0.1)", new LeakyReLU(0.1f), true),
                new Panel("ELU (alpha = 1)", new ELU(), true),
                new Panel("GELU", new GELU(), true),
                new Panel("SiLU (Swish)", new SiLU(), true),
                new Panel("Softplus", new Softplus(), true));
    }

    /**
     * Evenly spaced x in [FROM, TO], plus the float just below 0 so that a jump at 0 (the binary
     * step) is drawn as a vertical edge rather than a slanted line.
     */
    static float[] grid() {
        float[] x = new float[POINTS + 1];
        int out = 0;
        for (int i = 0; i < POINTS; i++) {
            float value = FROM + (TO - FROM) * i / (POINTS - 1);
            if (value == 0f) {
                x[out++] = -Float.MIN_VALUE;
            }
            x[out++] = value;
        }
        return Arrays.copyOf(x, out);
    }

    /** Values (row 0) and derivatives (row 1) of {@code activation} at {@code x}, through autograd. */
    static float[][] curves(ElementwiseActivation activation, float[] x) {
        Tensor input = Tensor.of(x, x.length).requiresGrad(true);
        Tensor output = activation.forward(input);
        output.sum().backward();
        return new float[][] {output.toArray(), input.grad().toArray()};
    }

    /** The chart of one panel: f(x) solid, and f'(x) dashed with a legend when asked for. */
    static JFreeChart chart(Panel panel) {
        float[] x = grid();
        float[][] curves = curves(panel.activation(), x);
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(series("f(x)", x, curves[0]));
        if (panel.withDerivative()) {
            dataset.addSeries(series("f'(x)", x, curves[1]));
        }
        String rangeLabel = panel.withDerivative() ? "f(x), f'(x)" : "f(x)";
        JFreeChart chart = ChartFactory.createXYLineChart(panel.title(), "x", rangeLabel, dataset,
                PlotOrientation.VERTICAL, panel.withDerivative(), false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // One path per series, so the dash pattern runs along the curve instead of restarting at
        // each of the 400 short segments (which draws every segment solid).
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setLegendLine(new Line2D.Double(-14, 0, 14, 0));
        renderer.setSeriesPaint(0, VALUE_COLOR);
        renderer.setSeriesStroke(0, new BasicStroke(3f));
        renderer.setSeriesPaint(1, DERIVATIVE_COLOR);
        renderer.setSeriesStroke(1, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[] {9f, 6f}, 0f));
        chart.getXYPlot().setRenderer(renderer);
        chart.getXYPlot().getDomainAxis().setRange(FROM, TO);
        return chart;
    }

    private static XYSeries series(String name, float[] x, float[] y) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], y[i]);
        }
        return series;
    }
}
