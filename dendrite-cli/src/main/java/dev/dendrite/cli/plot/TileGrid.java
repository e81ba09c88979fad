package dev.dendrite.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;

/**
 * Draws small images of numbers (weights, pixels, gradients) as a grid of tiles under a heading,
 * each tile with an optional caption: a first layer's weights as 28×28 images, a set of
 * misclassified digits, an image beside its saliency map. Java 2D only, so the same drawing gives
 * PNG and SVG; stateless.
 */
final class TileGrid {
    private TileGrid() {
    }

    /** How a value becomes a colour, given the tile's largest magnitude (or its range). */
    enum ColorMap {
        /** Blue for negative, white for zero, red for positive, scaled to the tile's largest |value|. */
        DIVERGING,
        /** Dark for large, white for small: ink on paper, for pixels. */
        INK,
        /** White for zero through orange to dark red for the tile's largest value: magnitudes. */
        HEAT
    }

    /**
     * One tile: {@code rows × columns} values in row-major order.
     *
     * @param values  the values
     * @param rows    the tile's height in values
     * @param columns the tile's width in values
     * @param map     how values become colours
     * @param caption a line under the tile, or null
     */
    record Tile(float[] values, int rows, int columns, ColorMap map, String caption) {
    }

    /** Draws {@code tiles} (all of one size) as large as the {@code width × height} image allows. */
    static Picture render(String heading, String subheading, List<Tile> tiles, int width, int height) {
        return new Picture(width, height, g -> draw(g, heading, subheading, tiles, width, height));
    }

    /**
     * Draws the heading and the grid as one block, centred vertically, so that a grid shorter than
     * the picture (three tiles in a row on a tall page) leaves even margins, not an empty band.
     */
    private static void draw(Graphics2D g, String heading, String subheading, List<Tile> tiles, int width,
            int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Font big = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(16, width / 55));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, width / 85));
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, width / 90));
        int margin = height / 80;
        int headingHeight = margin + g.getFontMetrics(big).getHeight() + 4 + g.getFontMetrics(small).getHeight()
                + height / 60;
        boolean captions = tiles.stream().anyMatch(t -> t.caption() != null);
        int captionHeight = captions ? g.getFontMetrics(captionFont).getHeight() + 2 : 0;
        Tile first = tiles.get(0);
        Layout layout = Layout.fit(tiles.size(), first.rows(), first.columns(), width, height - headingHeight,
                captionHeight);
        int gridHeight = (tiles.size() + layout.columns - 1) / layout.columns * layout.cellHeight;
        int offset = Math.max(0, (height - headingHeight - gridHeight - margin) / 2);
        g.setColor(Color.BLACK);
        int top = centred(g, big, heading, width, offset + margin);
        g.setColor(Color.DARK_GRAY);
        centred(g, small, subheading, width, top + 4);
        top = offset + headingHeight;
        for (int i = 0; i < tiles.size(); i++) {
            int x = layout.left + (i % layout.columns) * layout.cellWidth;
            int y = top + (i / layout.columns) * layout.cellHeight;
            drawTile(g, tiles.get(i), x + layout.gap / 2, y + layout.gap / 2, layout.pixel);
            String caption = tiles.get(i).caption();
            if (caption != null) {
                g.setColor(Color.BLACK);
                g.setFont(captionFont);
                FontMetrics metrics = g.getFontMetrics();
                g.drawString(caption, x + (layout.cellWidth - metrics.stringWidth(caption)) / 2,
                        y + layout.gap / 2 + first.rows() * layout.pixel + metrics.getAscent() + 1);
            }
        }
    }

    /** The grid: how many tiles to a row, and how many screen pixels per value, to fill the space. */
    private record Layout(int columns, int pixel, int gap, int cellWidth, int cellHeight, int left) {
        static Layout fit(int count, int rows, int columns, int width, int height, int captionHeight) {
            Layout best = null;
            for (int perRow = 1; perRow <= count; perRow++) {
                int lines = (count + perRow - 1) / perRow;
                int gap = Math.max(4, width / 150);
                double across = (width - 20) / (double) perRow - gap;
                double down = (height - 10) / (double) lines - gap - captionHeight;
                int pixel = (int) Math.floor(Math.min(across / columns, down / rows));
                if (pixel >= 1 && (best == null || pixel > best.pixel)) {
                    int cellWidth = columns * pixel + gap;
                    int cellHeight = rows * pixel + gap + captionHeight;
                    best = new Layout(perRow, pixel, gap, cellWidth, cellHeight, (width - perRow * cellWidth) / 2);
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("plot: expected an image large enough for " + count + " tiles of "
                        + rows + "x" + columns + ", got " + width + "x" + height + "; try a larger --width/--height");
            }
            return best;
        }
    }

    private static void drawTile(Graphics2D g, Tile tile, int x, int y, int pixel) {
        float scale = 0;
        for (float v : tile.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int r = 0; r < tile.rows(); r++) {
            // a run of equal colours is one rectangle: the same pixels, and a far smaller SVG
            int c = 0;
            while (c < tile.columns()) {
                Color colour = color(tile.map(), scaled(tile, r, c, scale));
                int end = c + 1;
                while (end < tile.columns() && color(tile.map(), scaled(tile, r, end, scale)).equals(colour)) {
                    end++;
                }
                g.setColor(colour);
                g.fillRect(x + c * pixel, y + r * pixel, (end - c) * pixel, pixel);
                c = end;
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x - 1, y - 1, tile.columns() * pixel + 1, tile.rows() * pixel + 1);
    }

    private static float scaled(Tile tile, int row, int column, float scale) {
        return scale == 0 ? 0 : tile.values()[row * tile.columns() + column] / scale;
    }

    /** The colour of {@code t}, a value divided by the tile's largest magnitude (so in [-1, 1]). */
    static Color color(ColorMap map, float t) {
        switch (map) {
            case DIVERGING: {
                int fade = Math.round(255 * (1 - Math.abs(t)));
                return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
            }
            case INK: {
                int grey = Math.round(255 * (1 - Math.max(0, t)));
                return new Color(grey, grey, grey);
            }
            default: {
                float m = Math.max(0, t);
                // white -> orange -> dark red
                int red = Math.round(255 - 115 * Math.max(0, 2 * m - 1));
                int green = Math.round(255 * (1 - m));
                int blue = Math.round(255 * Math.max(0, 1 - 2 * m));
                return new Color(red, green, blue);
            }
        }
    }

    private static int centred(Graphics2D g, Font font, String text, int width, int top) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (width - metrics.stringWidth(text)) / 2, top + metrics.getAscent());
        return top + metrics.getHeight();
    }
}
