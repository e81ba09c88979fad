package dev.dendrite.cli;

import dev.dendrite.cli.plot.ImageShape;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Reads image files (PNG, or anything else Java's ImageIO reads) as rows for {@code predict}, the
 * way MNIST's pixels reach a model: one grey channel, ink bright on a dark background, values
 * {@code g / 255} in {@code [0, 1]}.
 *
 * <p>The rules, in order: a colour pixel becomes grey by luminance ({@code 0.299 R + 0.587 G +
 * 0.114 B}), a transparent one counts as white paper; an image whose size differs from the model's
 * input is scaled to it (each output pixel the area-weighted mean of the input pixels it covers; aspect ratio
 * not kept); and when the image's border (its
 * outermost ring of pixels after scaling) averages brighter than mid-grey (127.5), the background is
 * taken to be white and every value is inverted ({@code 255 - g}), so that a dark digit drawn on
 * white paper looks like MNIST's white digit on black.
 */
final class ImageInput {
    private ImageInput() {
    }

    /** Whether {@code --input} names image files: one or more comma-separated paths ending in .png. */
    static boolean isImages(String input) {
        return Arrays.stream(input.split(",")).allMatch(p -> p.trim().toLowerCase(Locale.ROOT).endsWith(".png"));
    }

    /**
     * The comma-separated image files in {@code input} as rows {@code [N, height·width]}, for a model
     * whose samples are {@code shape}: {@code [1, H, W]} images or {@code [H·W]} rows of a square image.
     *
     * @throws IllegalArgumentException when the model does not take one-channel images or a file is
     *     not an image
     */
    static Tensor read(String input, int[] shape) throws IOException {
        int[] size = imageSize(shape);
        List<String> files = Arrays.stream(input.split(",")).map(String::trim).toList();
        float[] data = new float[files.size() * size[0] * size[1]];
        for (int i = 0; i < files.size(); i++) {
            float[] pixels = pixels(Path.of(files.get(i)), size[0], size[1]);
            System.arraycopy(pixels, 0, data, i * pixels.length, pixels.length);
        }
        return Tensor.wrap(data, files.size(), size[0] * size[1]);
    }

    /** {height, width} of the model's one-channel input images. */
    static int[] imageSize(int[] shape) {
        if (shape != null && shape.length == 3 && shape[0] == 1) {
            return new int[] {shape[1], shape[2]};
        }
        if (shape != null && shape.length == 1) {
            int side = ImageShape.side(shape[0]);
            if (side > 0) {
                return new int[] {side, side};
            }
        }
        throw new IllegalArgumentException("predict: expected a model taking one-channel images ([1, H, W] or a square "
                + "number of features, side 8 or more) for an image input, got input shape "
                + (shape == null ? "unknown" : Arrays.toString(shape)));
    }

    /** The image in {@code file}, grey, scaled to {@code height × width}, inverted on white, in [0, 1]. */
    static float[] pixels(Path file, int height, int width) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("predict: expected an image file, got '" + file + "' (no such file)");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IllegalArgumentException("predict: expected a PNG image, got '" + file + "' (not readable as one)");
        }
        double[] values = scale(grey(image), image.getWidth(), image.getHeight(), width, height);
        double border = 0;
        int borderCount = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (y == 0 || x == 0 || y == height - 1 || x == width - 1) {
                    border += values[y * width + x];
                    borderCount++;
                }
            }
        }
        boolean whiteBackground = border / borderCount > 127.5;
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) ((whiteBackground ? 255 - values[i] : values[i]) / 255);
        }
        return result;
    }

    /** Grey levels in [0, 255] by luminance, row-major; transparent pixels are blended onto white. */
    private static double[] grey(BufferedImage image) {
        int width = image.getWidth();
        double[] grey = new double[width * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                double luminance = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                grey[y * width + x] = alpha * luminance + (1 - alpha) * 255;
            }
        }
        return grey;
    }

    /**
     * Area-averaging resize of a {@code w × h} grey image to {@code width × height}: each output pixel
     * is the mean of the input it covers, partly covered input pixels weighted by their overlap.
     */
    static double[] scale(double[] grey, int w, int h, int width, int height) {
        if (w == width && h == height) {
            return grey;
        }
        double[] out = new double[width * height];
        double sx = (double) w / width;
        double sy = (double) h / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                double area = 0;
                for (int iy = (int) Math.floor(y * sy); iy < Math.min(h, Math.ceil((y + 1) * sy)); iy++) {
                    double cy = Math.min(iy + 1, (y + 1) * sy) - Math.max(iy, y * sy);
                    for (int ix = (int) Math.floor(x * sx); ix < Math.min(w, Math.ceil((x + 1) * sx)); ix++) {
                        double weight = cy * (Math.min(ix + 1, (x + 1) * sx) - Math.max(ix, x * sx));
                        sum += weight * grey[iy * w + ix];
                        area += weight;
                    }
                }
                out[y * width + x] = sum / area;
            }
        }
        return out;
    }
}
