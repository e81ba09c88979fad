package dev.dendrite.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One-input regression fits against their target: the target function as a thick grey line and
 * each fitted model as a coloured line over the same inputs. Stateless.
 */
public final class FittedFunctionRenderer {
    private static final int POINTS = 400;
    /** Distinct on white and for the common colour-vision deficiencies (Okabe-Ito). */
    private static final Color[] COLOURS = {new Color(213, 94, 0), new Color(0, 114, 178), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233)};

    private FittedFunctionRenderer() {
    }

    /** As {@link #picture}, as pixels. */
    public static BufferedImage render(String title, String subheading, DoubleUnaryOperator target,
            Map<String, DoubleUnaryOperator> fits, double from, double to, int width, int height) {
        return picture(title, subheading, target, fits, from, to, width, height).toImage();
    }

    /**
     * The chart of {@code target} and each of {@code fits} (by label, in order) on {@code [from, to]}.
     *
     * @param subheading a line under the title, such as the network
     */
    public static Picture picture(String title, String subheading, DoubleUnaryOperator target,
            Map<String, DoubleUnaryOperator> fits, double from, double to, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sample("target", target, from, to));
        fits.forEach((label, fit) -> data.addSeries(sample(label, fit, from, to)));
        JFreeChart chart = ChartFactory.createXYLineChart("Fitted functions against the target", "x", "f(x)", data, PlotOrientation.VERTICAL, true,
                false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(190, 190, 190));
        renderer.setSeriesStroke(0, new BasicStroke(7f));
        for (int i = 1; i <= fits.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[(i - 1) % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        chart.getXYPlot().setRenderer(renderer);
        // The wide target first, so every fit is drawn over it and stays visible.
        chart.getXYPlot().setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return ChartGrid.render(title, subheading, List.of(chart), 1, width, height);
    }

    private static XYSeries sample(String label, DoubleUnaryOperator function, double from, double to) {
        XYSeries series = new XYSeries(label);
        for (int i = 0; i < POINTS; i++) {
            double x = from + (to - from) * i / (POINTS - 1);
            series.add(x, function.applyAsDouble(x));
        }
        return series;
    }
}
