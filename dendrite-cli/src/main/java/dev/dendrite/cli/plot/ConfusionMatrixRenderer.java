package dev.dendrite.cli.plot;

import dev.dendrite.train.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws a confusion matrix as a heat map: rows are true classes, columns predicted ones, each
 * cell shaded by the fraction of its row and labelled with its count. JFreeChart has no labelled
 * heat map, so the grid is drawn with Java 2D; everything else about the picture is text.
 */
public final class ConfusionMatrixRenderer {
    private ConfusionMatrixRenderer() {
    }

    public static BufferedImage render(ConfusionMatrix matrix, List<String> classNames, String subheading, int size) {
        int classes = matrix.classes();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            int margin = size / 7;
            int top = size / 5;
            int cell = Math.min(size - margin, size - top) / classes - (size / 20) / classes;
            Font title = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(14, size / 36));
            Font label = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, Math.min(size / 50, cell / 3)));
            g.setColor(Color.BLACK);
            centred(g, title, String.format(Locale.ROOT, "Confusion matrix (accuracy %.2f%%)", 100 * matrix.accuracy()),
                    size / 2, size / 30 + title.getSize());
            centred(g, label, subheading, size / 2, size / 30 + title.getSize() + label.getSize() + 6);
            for (int r = 0; r < classes; r++) {
                long rowTotal = matrix.support(r);
                for (int c = 0; c < classes; c++) {
                    long count = matrix.count(r, c);
                    double fraction = rowTotal == 0 ? 0 : (double) count / rowTotal;
                    int x = margin + c * cell;
                    int y = top + r * cell;
                    g.setColor(shade(fraction));
                    g.fillRect(x, y, cell, cell);
                    g.setColor(Color.LIGHT_GRAY);
                    g.drawRect(x, y, cell, cell);
                    g.setColor(fraction > 0.5 ? Color.WHITE : Color.BLACK);
                    centred(g, label, Long.toString(count), x + cell / 2, y + cell / 2 + label.getSize() / 3);
                }
                g.setColor(Color.BLACK);
                String name = r < classNames.size() ? classNames.get(r) : Integer.toString(r);
                rightAligned(g, label, name, margin - 6, top + r * cell + cell / 2 + label.getSize() / 3);
                centred(g, label, name, margin + r * cell + cell / 2, top - 6);
            }
            centred(g, label, "predicted class", margin + classes * cell / 2, top - 10 - label.getSize() * 3 / 2);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            centred(rotated, label, "true class", -(top + classes * cell / 2), margin / 3);
            rotated.dispose();
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color shade(double fraction) {
        int light = (int) Math.round(255 - fraction * (255 - 40));
        return new Color(light, (int) Math.round(255 - fraction * (255 - 90)), 255 - (int) Math.round(fraction * 75));
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, baseline);
    }

    private static void rightAligned(Graphics2D g, Font font, String text, int right, int baseline) {
        g.setFont(font);
        g.drawString(text, right - g.getFontMetrics().stringWidth(text), baseline);
    }
}
