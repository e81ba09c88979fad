package dev.dendrite.cli;

import dev.dendrite.train.History;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a training history: loss per epoch (training and validation) beside accuracy per epoch
 * (or RMSE for regression), from a {@link History}.
 */
final class HistoryPlot {
    private HistoryPlot() {
    }

    static BufferedImage render(History history, String subheading, int width, int height) {
        List<JFreeChart> charts = new ArrayList<>();
        charts.add(chart("Loss", "loss", history, "loss", "val_loss"));
        if (history.metricNames().contains("accuracy")) {
            charts.add(chart("Accuracy", "accuracy", history, "accuracy", "val_accuracy"));
        } else if (history.metricNames().contains("val_rmse")) {
            charts.add(chart("Validation RMSE", "RMSE", history, "val_rmse"));
        }
        return ChartGrid.render("Training history", subheading, charts, charts.size(), width, height);
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
