package dev.dendrite.cli.plot;

import dev.dendrite.nn.Sequential;
import dev.dendrite.train.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a training history: loss per epoch (training and validation) beside accuracy per epoch
 * (or RMSE for regression), and, when the history has them, each layer's gradient norm and
 * dead-ReLU fraction. Stateless.
 *
 * <p>One look across the panels: training is always blue and validation always orange (layers
 * take other colours), every panel ticks the same epochs over the same range, the accuracy axis
 * spans the data rather than 0 to 1, and the dead-ReLU fraction is drawn on 0 to 1 whatever it is.
 */
public final class HistoryChartRenderer {
    static final Color TRAINING = new Color(0x1F, 0x77, 0xB4);
    static final Color VALIDATION = new Color(0xFF, 0x7F, 0x0E);
    /** For layers; neither blue nor orange, so no layer is mistaken for training or validation. */
    private static final Color[] LAYERS = {new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD),
        new Color(0x8C, 0x56, 0x4B), new Color(0xE3, 0x77, 0xC2), new Color(0x7F, 0x7F, 0x7F),
        new Color(0xBC, 0xBD, 0x22), new Color(0x17, 0xBE, 0xCF), new Color(0xD6, 0x27, 0x28)};

    private HistoryChartRenderer() {
    }

    /** As {@link #picture}, as pixels, with layers named by their paths ({@code layers.0}). */
    public static BufferedImage render(History history, String subheading, int width, int height) {
        return picture(history, null, subheading, width, height).toImage();
    }

    /** As {@link #picture}, as pixels. */
    public static BufferedImage render(History history, Sequential model, String subheading, int width, int height) {
        return picture(history, model, subheading, width, height).toImage();
    }

    /**
     * The history's picture.
     *
     * @param model      the trained model, to name layers in legends ({@code Dense 1 (784→256)}); null to
     *                   name them by path
     * @param subheading the line under the title: which run this is
     */
    public static Picture picture(History history, Sequential model, String subheading, int width, int height) {
        List<JFreeChart> charts = charts(history, model);
        int columns = charts.size() > 2 ? 2 : charts.size();
        return ChartGrid.render("Training history", subheading, charts, columns, width, height);
    }

    /** The panels, in reading order: loss, accuracy or RMSE, then the per-layer ones the history has. */
    static List<JFreeChart> charts(History history, Sequential model) {
        LayerNames names = model == null ? LayerNames.none() : LayerNames.of(model);
        List<JFreeChart> charts = new ArrayList<>();
        charts.add(chart("Loss", "loss", history, "loss", "val_loss"));
        if (history.metricNames().contains("accuracy")) {
            JFreeChart accuracy = chart("Accuracy", "accuracy", history, "accuracy", "val_accuracy");
            zoomToData((NumberAxis) accuracy.getXYPlot().getRangeAxis(), history, "accuracy", "val_accuracy");
            charts.add(accuracy);
        } else if (history.metricNames().contains("val_rmse")) {
            charts.add(chart("Validation RMSE", "RMSE", history, "val_rmse"));
        }
        // A layer keeps its colour from one panel to the next.
        Map<String, Color> colours = new HashMap<>();
        String[] gradients = withPrefix(history, "grad_norm.");
        if (gradients.length > 0) {
            charts.add(perLayer("Gradient norm per layer", "mean L2 norm", history, gradients, names, colours));
        }
        String[] dead = withPrefix(history, "dead_relu.");
        if (dead.length > 0) {
            JFreeChart chart = perLayer("Dead ReLU units", "fraction never active", history, dead, names, colours);
            // a fraction: 0 to 1 always, so "none dead" reads as a line on the floor, not noise around 0
            chart.getXYPlot().getRangeAxis().setRange(0, 1);
            charts.add(chart);
        }
        charts.forEach(c -> sameEpochAxis((NumberAxis) c.getXYPlot().getDomainAxis(), history.size()));
        return charts;
    }

    /** Epochs 1 to N on every panel, ticked at the same whole numbers. */
    static void sameEpochAxis(NumberAxis axis, int epochs) {
        int step = epochStep(epochs);
        axis.setTickUnit(new NumberTickUnit(step, new DecimalFormat("0")));
        axis.setRange(epochs > 1 ? 1 : 0.5, epochs > 1 ? epochs : 1.5);
    }

    /** 1, 2, 5, 10, 20, 50, ... : the smallest that gives at most ten ticks. */
    static int epochStep(int epochs) {
        int step = 1;
        while (epochs / step > 10) {
            int next = step * 2;
            if (epochs / next > 10) {
                next = step * 5;
            }
            step = epochs / next > 10 ? step * 10 : next;
        }
        return step;
    }

    /** The axis spans the series' values with a little room, never beyond 0 to 1. */
    static void zoomToData(NumberAxis axis, History history, String... metrics) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (String metric : metrics) {
            for (double v : history.metricNames().contains(metric) ? history.series(metric) : new double[0]) {
                if (!Double.isNaN(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            return;
        }
        double pad = Math.max(0.01, 0.08 * (high - low));
        axis.setRange(Math.max(0, low - pad), Math.min(1, high + pad));
    }

    private static String[] withPrefix(History history, String prefix) {
        return history.metricNames().stream().filter(n -> n.startsWith(prefix)).toArray(String[]::new);
    }

    /** One line per layer, coloured from {@code colours} (by legend name), which gains the layers new to it. */
    private static JFreeChart perLayer(String title, String axis, History history, String[] metrics,
            LayerNames names, Map<String, Color> colours) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String metric : metrics) {
            String path = metric.substring(metric.indexOf('.') + 1);
            String name = names.name(path);
            // two activations in a row both name the layer before them: the path tells them apart
            data.addSeries(series(data.indexOf(name) < 0 ? name : name + " " + path, history.series(metric)));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", axis, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYLineAndShapeRenderer renderer = lines(history.size());
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String name = (String) data.getSeriesKey(i);
            renderer.setSeriesPaint(i, colours.computeIfAbsent(name, k -> LAYERS[colours.size() % LAYERS.length]));
        }
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    private static JFreeChart chart(String title, String axis, History history, String... metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colours = new ArrayList<>();
        for (String metric : metrics) {
            boolean validation = metric.startsWith("val_");
            XYSeries series = series(validation ? "validation" : "training", history.series(metric));
            if (series.getItemCount() > 0) {
                data.addSeries(series);
                colours.add(validation ? VALIDATION : TRAINING);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", axis, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYLineAndShapeRenderer renderer = lines(history.size());
        for (int i = 0; i < colours.size(); i++) {
            renderer.setSeriesPaint(i, colours.get(i));
        }
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    /** Lines 2.5 wide; with few epochs a dot on each, so a single epoch still shows. */
    private static XYLineAndShapeRenderer lines(int epochs) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, epochs <= 20);
        renderer.setDefaultStroke(new BasicStroke(2.5f));
        renderer.setAutoPopulateSeriesStroke(false);
        // one dot for every series: colour alone tells them apart, as on the other panels
        renderer.setDefaultShape(new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setAutoPopulateSeriesShape(false);
        return renderer;
    }

    private static XYSeries series(String name, double[] values) {
        XYSeries series = new XYSeries(name);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                series.add(i + 1, values[i]);
            }
        }
        return series;
    }
}
