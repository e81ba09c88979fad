package dev.dendrite.cli.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A picture not yet drawn: its size and the Java 2D code that draws it. The same drawing gives
 * pixels ({@link #toImage()}, for PNG) or vector elements ({@link #toSvg()}), so every plot has
 * both forms from one renderer.
 *
 * @param width   the width in pixels
 * @param height  the height in pixels
 * @param painter draws the whole picture, background included, onto a graphics of that size
 */
public record Picture(int width, int height, Consumer<Graphics2D> painter) {
    /** Checks the size. */
    public Picture {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Picture: expected a size of at least 1x1, got " + width + "x" + height);
        }
    }

    /** The picture as pixels, antialiased. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The picture as an SVG document: shapes, text and clip paths, no pixels. */
    public String toSvg() {
        SvgGraphics2D g = new SvgGraphics2D(width, height);
        painter.accept(g);
        return g.svg();
    }

    /** The PNG encoding of the picture's pixels. */
    public byte[] toPng() {
        return png(toImage());
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing PNG to memory", e);
        }
        return bytes.toByteArray();
    }

    /** A PNG of {@code image} as base64, for an SVG {@code <image>} element. */
    static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }
}
