package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.Random;

/**
 * Moves each image of a batch by a random whole number of pixels, at most {@code maxShift} in
 * each direction: for every sample, {@code dy} and {@code dx} are drawn uniformly from
 * {@code [-maxShift, maxShift]} (in that order), and
 * <pre>
 *   out[c, y, x] = in[c, y - dy, x - dx]   where that pixel exists, else 0
 * </pre>
 * so a positive {@code dx} moves the picture right and a positive {@code dy} moves it down; every
 * channel moves together. This is the same as PyTorch's {@code RandomCrop(H, padding=maxShift)}
 * with zero padding: pad by {@code maxShift}, cut an {@code H×W} window at a random place. Zero is
 * the background of MNIST-style images after scaling to [0, 1]; the images are augmented before the
 * model's first layer, so a {@code Normalization} layer sees shifted raw pixels as it would at
 * prediction time.
 *
 * <p>Rows may be flat ({@code [B, C·H·W]}) or images ({@code [B, C, H, W]}); only their length
 * is checked against {@code C·H·W}. Immutable and thread-safe.
 */
public final class ImageShift implements Augmentation {
    private final int maxShift;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * Shifts of up to {@code maxShift} pixels for images of {@code imageShape} {@code [C, H, W]}.
     *
     * @throws IllegalArgumentException if {@code maxShift} is negative or not smaller than the image,
     *     or the shape is not three positive sizes
     */
    public ImageShift(int maxShift, int[] imageShape) {
        Validate.argument(imageShape != null && imageShape.length == 3 && Arrays.stream(imageShape).allMatch(d -> d > 0),
                "ImageShift", "an image shape [C, H, W] of positive sizes",
                () -> imageShape == null ? "none (data without an image shape)" : Arrays.toString(imageShape));
        Validate.argument(maxShift >= 0 && maxShift < Math.min(imageShape[1], imageShape[2]), "ImageShift",
                "a shift of 0 to " + (Math.min(imageShape[1], imageShape[2]) - 1) + " pixels for images "
                        + Arrays.toString(imageShape), maxShift);
        this.maxShift = maxShift;
        this.channels = imageShape[0];
        this.height = imageShape[1];
        this.width = imageShape[2];
    }

    /** The largest shift, in pixels, in each direction. */
    public int maxShift() {
        return maxShift;
    }

    @Override
    public void apply(Tensor features, Random random) {
        int[] dims = features.shape().dims();
        long rowLength = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            rowLength *= dims[axis];
        }
        int imageLength = channels * height * width;
        Validate.argument(dims.length >= 2 && rowLength == imageLength, "ImageShift",
                "rows of " + imageLength + " values (images [" + channels + ", " + height + ", " + width + "])",
                features.shape());
        float[] data = features.data();
        float[] scratch = new float[imageLength];
        for (int row = 0; row < dims[0]; row++) {
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            shift(data, row * imageLength, dy, dx, scratch);
        }
    }

    /**
     * Moves the image starting at {@code data[offset]} by {@code dy} rows and {@code dx} columns in
     * place, filling the uncovered border with zeros; {@code scratch} holds at least one image.
     */
    void shift(float[] data, int offset, int dy, int dx, float[] scratch) {
        if (dy == 0 && dx == 0) {
            return;
        }
        int imageLength = channels * height * width;
        System.arraycopy(data, offset, scratch, 0, imageLength);
        Arrays.fill(data, offset, offset + imageLength, 0f);
        // The columns that stay inside: source x from max(0, -dx) to width - max(0, dx).
        int fromX = Math.max(0, -dx);
        int count = width - Math.abs(dx);
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
                int source = plane + (y - dy) * width + fromX;
                System.arraycopy(scratch, source, data, offset + plane + y * width + fromX + dx, count);
            }
        }
    }

    @Override
    public String toString() {
        return "ImageShift(maxShift=" + maxShift + ", image=[" + channels + ", " + height + ", " + width + "])";
    }
}
