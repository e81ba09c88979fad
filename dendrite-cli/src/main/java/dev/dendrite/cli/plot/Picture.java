package dev.dendrite.cli.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

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

    /**
     * Writes the picture to {@code file}: SVG when the name ends in {@code .svg} (any case), PNG
     * otherwise. The file is encoded in memory first, so a failure never leaves a half-written file.
     *
     * @throws IOException naming the path and the reason when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Path name = file.getFileName();
        boolean svg = name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        write(file, svg ? toSvg().getBytes(StandardCharsets.UTF_8) : toPng());
    }

    /**
     * Writes an encoded picture to {@code file}.
     *
     * @throws IOException naming the path and the reason when the file cannot be written
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path absolute = file.toAbsolutePath();
        try {
            Files.write(absolute, bytes);
        } catch (NoSuchFileException e) {
            Path directory = absolute.getParent();
            String reason = directory != null && !Files.isDirectory(directory)
                    ? "directory " + directory + " does not exist"
                    : "the file cannot be created there";
            throw new IOException("cannot write " + file + ": " + reason, e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + file + ": permission denied", e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new IOException("cannot write " + file + ": " + reason, e);
        }
    }

    /** The PNG encoding of the picture's pixels. */
    public byte[] toPng() {
        return png(toImage());
    }

    static byte[] png(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /** A PNG of {@code image} as base64, for an SVG {@code <image>} element. */
    static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }
}
