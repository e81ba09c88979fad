package dev.dendrite.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Lays small charts out in a grid on one image, under a heading, and gives them one look: white
 * background, light grid, and text and lines in proportion to the cell at any image size.
 *
 * <p>Stateless; each call draws a new image. Needs AWT, which works headless.
 */
final class ChartGrid {
    /** Charts are laid out for a cell of this size, then scaled to the real one. */
    private static final double DESIGN_CELL_WIDTH = 500;
    private static final double DESIGN_CELL_HEIGHT = 420;

    static {
        // JFreeChart draws rotated labels (the y axis's) as a TextLayout, which reaches a graphics as
        // glyph outlines; drawn as strings they stay text in SVG. The workaround is for JDKs before 6.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartGrid() {
    }

    /**
     * Draws {@code charts} row by row, {@code columns} to a row, below {@code heading} and a smaller
     * {@code subheading} line, on a {@code width} x {@code height} image.
     */
    public static Picture render(String heading, String subheading, List<JFreeChart> charts, int columns,
            int width, int height) {
        charts.forEach(ChartGrid::style);
        return new Picture(width, height, g -> draw(g, heading, subheading, charts, columns, width, height));
    }

    private static void draw(Graphics2D g, String heading, String subheading, List<JFreeChart> charts, int columns,
            int width, int height) {
        int rows = (charts.size() + columns - 1) / columns;
        // text and lines sized as in a grid of at least 2 x 2, so a lone chart's fonts match the others'
        double scale = scale(width / (double) Math.max(2, columns), height / (double) Math.max(2, rows));
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = drawHeading(g, heading, subheading, width, scale);
        double cellWidth = (double) width / columns;
        double cellHeight = (double) (height - top) / rows;
        for (int i = 0; i < charts.size(); i++) {
            JFreeChart chart = charts.get(i);
            AffineTransform saved = g.getTransform();
            g.translate((i % columns) * cellWidth, top + (i / columns) * cellHeight);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, cellWidth / scale, cellHeight / scale));
            g.setTransform(saved);
        }
    }

    /**
     * How much to enlarge a chart drawn at the design cell size to fill the real cell. Charts are
     * drawn through a scaled transform, so fonts and line widths grow together with the image; the
     * lower bound keeps text legible on small images at the cost of a tighter plot area.
     */
    private static double scale(double cellWidth, double cellHeight) {
        double fit = Math.min(cellWidth / DESIGN_CELL_WIDTH, cellHeight / DESIGN_CELL_HEIGHT);
        return Math.max(0.6, Math.min(4.0, fit));
    }

    /** Draws the centred heading lines; returns the y where the grid starts. */
    private static int drawHeading(Graphics2D g, String heading, String subheading, int width, double scale) {
        Font big = new Font(Font.SANS_SERIF, Font.BOLD, size(26, scale));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, size(17, scale));
        g.setColor(Color.BLACK);
        int y = size(12, scale);
        y = drawCentred(g, big, heading, width, y);
        g.setColor(Color.DARK_GRAY);
        y = drawCentred(g, small, subheading, width, y + size(4, scale));
        return y + size(8, scale);
    }

    private static int drawCentred(Graphics2D g, Font font, String text, int width, int top) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (width - metrics.stringWidth(text)) / 2, top + metrics.getAscent());
        return top + metrics.getHeight();
    }

    /** Applies the shared look to one chart, in design-size units. */
    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 19));
        }
        // room for the last tick label, which is centred on the plot's right edge
        chart.setPadding(new RectangleInsets(4, 4, 4, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainZeroBaselineVisible(true);
        plot.setRangeZeroBaselineVisible(true);
        plot.setOutlinePaint(Color.GRAY);
        for (ValueAxis axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            legend.setFrame(BlockBorder.NONE);
        }
    }

    private static int size(double points, double scale) {
        return (int) Math.round(points * scale);
    }
}
