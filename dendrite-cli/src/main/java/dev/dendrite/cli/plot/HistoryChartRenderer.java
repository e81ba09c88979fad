package dev.dendrite.cli.plot;

import dev.dendrite.train.History;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a training history: loss per epoch (training and validation) beside accuracy per epoch
 * (or RMSE for regression), from a {@link History}.
 */
public final class HistoryChartRenderer {
    private HistoryChartRenderer() {
    }

    public static BufferedImage render(History history, String subheading, int width, int height) {
        List<JFreeChart> charts = new ArrayList<>();
        charts.add(chart("Loss", "loss", history, "loss", "val_loss"));
        if (history.metricNames().contains("accuracy")) {
            charts.add(chart("Accuracy", "accuracy", history, "accuracy", "val_accuracy"));
        } else if (history.metricNames().contains("val_rmse")) {
            charts.add(chart("Validation RMSE", "RMSE", history, "val_rmse"));
        }
        String[] gradients = withPrefix(history, "grad_norm.");
        if (gradients.length > 0) {
            charts.add(perLayer("Gradient norm per layer", "mean L2 norm", history, gradients));
        }
        String[] dead = withPrefix(history, "dead_relu.");
        if (dead.length > 0) {
            charts.add(perLayer("Dead ReLU units", "fraction never active", history, dead));
        }
        // Epochs are whole numbers: no 1.2, 1.4 ticks.
        charts.forEach(c -> c.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits()));
        int columns = charts.size() > 2 ? 2 : charts.size();
        return ChartGrid.render("Training history", subheading, charts, columns, width, height);
    }

    private static String[] withPrefix(History history, String prefix) {
        return history.metricNames().stream().filter(n -> n.startsWith(prefix)).toArray(String[]::new);
    }

    private static JFreeChart perLayer(String title, String axis, History history, String[] metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String metric : metrics) {
            double[] values = history.series(metric);
            XYSeries series = new XYSeries(metric.substring(metric.indexOf('.') + 1));
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    series.add(i + 1, values[i]);
                }
            }
            data.addSeries(series);
        }
        return ChartFactory.createXYLineChart(title, "epoch", axis, data, PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart chart(String title, String axis, History history, String... metrics) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String metric : metrics) {
            double[] values = history.series(metric);
            XYSeries series = new XYSeries(metric.startsWith("val_") ? "validation" : "training");
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    series.add(i + 1, values[i]);
                }
            }
            if (series.getItemCount() > 0) {
                data.addSeries(series);
            }
        }
        return ChartFactory.createXYLineChart(title, "epoch", axis, data, PlotOrientation.VERTICAL, true, false, false);
    }
}
