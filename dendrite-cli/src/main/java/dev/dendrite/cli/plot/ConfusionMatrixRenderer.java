package dev.dendrite.cli.plot;

import dev.dendrite.train.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws a confusion matrix as a heat map: rows are true classes, columns predicted ones, each
 * cell shaded by the fraction of its row and labelled with its count. JFreeChart has no labelled
 * heat map, so the grid is drawn with Java 2D; everything else about the picture is text.
 *
 * <p>The margins are measured from the class names, so long names ({@code T-shirt/top}) never run
 * into the axis titles: row names are right-aligned in a column as wide as the widest, and column
 * names turn upright when they are wider than a cell. Stateless.
 */
public final class ConfusionMatrixRenderer {
    private static final Color AXIS_TITLE = new Color(0x33, 0x33, 0x33);

    private ConfusionMatrixRenderer() {
    }

    /** As {@link #picture}, as pixels. */
    public static BufferedImage render(ConfusionMatrix matrix, List<String> classNames, String subheading, int size) {
        return picture(matrix, classNames, subheading, size).toImage();
    }

    /** The matrix on a {@code size × size} picture, the class names in index order. */
    public static Picture picture(ConfusionMatrix matrix, List<String> classNames, String subheading, int size) {
        return new Picture(size, size, g -> draw(g, matrix, classNames, subheading, size));
    }

    private static void draw(Graphics2D g, ConfusionMatrix matrix, List<String> classNames, String subheading,
            int size) {
        int classes = matrix.classes();
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = c < classNames.size() ? classNames.get(c) : Integer.toString(c);
        }
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        int pad = size / 40;
        Font title = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(14, size / 36));
        Font axis = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, size / 48));
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, size / 56));
        FontMetrics labels = g.getFontMetrics(label);
        int axisHeight = g.getFontMetrics(axis).getHeight();
        int widest = 0;
        for (String name : names) {
            widest = Math.max(widest, labels.stringWidth(name));
        }
        g.setColor(Color.BLACK);
        int y = centred(g, title, String.format(Locale.ROOT, "Confusion matrix (accuracy %.2f%%)",
                100 * matrix.accuracy()), size / 2, pad);
        g.setColor(Color.DARK_GRAY);
        y = centred(g, label, subheading, size / 2, y + 4) + pad;
        int left = pad + axisHeight + pad / 2 + widest + pad / 2;
        // first as if column names lie flat; upright when a cell turns out narrower than the widest
        int headerFlat = axisHeight + pad / 2 + labels.getHeight() + pad / 3;
        int cell = Math.min((size - left - pad) / classes, (size - y - headerFlat - pad) / classes);
        boolean upright = widest > cell * 0.9;
        int header = upright ? axisHeight + pad / 2 + widest + pad / 3 : headerFlat;
        cell = Math.min((size - left - pad) / classes, (size - y - header - pad) / classes);
        int gridLeft = left + Math.max(0, (size - left - pad - classes * cell) / 2);
        int gridTop = y + header;

        g.setColor(AXIS_TITLE);
        centred(g, axis, "predicted class", gridLeft + classes * cell / 2, y);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        centred(rotated, axis, "true class", -(gridTop + classes * cell / 2), pad);
        rotated.dispose();

        Font count = countFont(g, label, matrix, cell);
        for (int r = 0; r < classes; r++) {
            long rowTotal = matrix.support(r);
            for (int c = 0; c < classes; c++) {
                long n = matrix.count(r, c);
                double fraction = rowTotal == 0 ? 0 : (double) n / rowTotal;
                int x = gridLeft + c * cell;
                int top = gridTop + r * cell;
                g.setColor(shade(fraction));
                g.fillRect(x, top, cell, cell);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x, top, cell, cell);
                g.setColor(fraction > 0.5 ? Color.WHITE : Color.BLACK);
                FontMetrics m = g.getFontMetrics(count);
                centred(g, count, Long.toString(n), x + cell / 2, top + (cell - m.getAscent() - m.getDescent()) / 2);
            }
            g.setColor(Color.BLACK);
            g.setFont(label);
            g.drawString(names[r], gridLeft - pad / 2 - labels.stringWidth(names[r]),
                    gridTop + r * cell + (cell + labels.getAscent() - labels.getDescent()) / 2);
            drawColumnName(g, label, names[r], gridLeft + r * cell + cell / 2, gridTop - pad / 3, upright);
        }
    }

    /** A column's name, its bottom at {@code bottom}: centred and flat, or upright reading upwards. */
    private static void drawColumnName(Graphics2D g, Font font, String name, int centre, int bottom, boolean upright) {
        FontMetrics m = g.getFontMetrics(font);
        g.setFont(font);
        if (!upright) {
            g.drawString(name, centre - m.stringWidth(name) / 2, bottom - m.getDescent());
            return;
        }
        Graphics2D turned = (Graphics2D) g.create();
        turned.translate(centre + (m.getAscent() - m.getDescent()) / 2, bottom);
        turned.rotate(-Math.PI / 2);
        turned.drawString(name, 0, 0);
        turned.dispose();
    }

    /** A quarter of a cell high (no smaller than the labels), made smaller until the largest count fits a cell. */
    private static Font countFont(Graphics2D g, Font label, ConfusionMatrix matrix, int cell) {
        long largest = 0;
        for (int r = 0; r < matrix.classes(); r++) {
            for (int c = 0; c < matrix.classes(); c++) {
                largest = Math.max(largest, matrix.count(r, c));
            }
        }
        Font font = label.deriveFont((float) Math.max(label.getSize(), cell / 4));
        while (font.getSize() > 6 && (g.getFontMetrics(font).stringWidth(Long.toString(largest)) > 0.8 * cell
                || g.getFontMetrics(font).getHeight() > 0.6 * cell)) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        return font;
    }

    private static Color shade(double fraction) {
        int light = (int) Math.round(255 - fraction * (255 - 40));
        return new Color(light, (int) Math.round(255 - fraction * (255 - 90)), 255 - (int) Math.round(fraction * 75));
    }

    /** Draws {@code text} centred on {@code x} with its top at {@code top}; returns the y below it. */
    private static int centred(Graphics2D g, Font font, String text, int x, int top) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, top + metrics.getAscent());
        return top + metrics.getHeight();
    }
}
