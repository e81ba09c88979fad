package dev.dendrite.cli;

import dev.dendrite.data.Augmentation;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.ImageShift;
import java.util.Arrays;

/**
 * The {@code --augment} option of {@code train}: {@code none}, or {@code shift:N} for random
 * shifts of each training image by up to N pixels in each direction ({@link ImageShift}; the same
 * as a random crop with N pixels of zero padding). Stateless.
 */
final class AugmentOption {
    /** The value that turns augmentation off (the default). */
    static final String NONE = "none";

    private AugmentOption() {
    }

    /**
     * The maximum shift written in {@code spec}, or -1 for {@code none}.
     *
     * @throws UsageException naming the option, the expected forms and what was given
     */
    static int maxShift(String spec) {
        String text = spec.trim();
        if (text.equals(NONE)) {
            return -1;
        }
        String[] parts = text.split(":", -1);
        if (parts.length == 2 && parts[0].equals("shift")) {
            try {
                int pixels = Integer.parseInt(parts[1].trim());
                if (pixels >= 0) {
                    return pixels;
                }
            } catch (NumberFormatException e) {
                // reported below with the forms that work
            }
        }
        throw new UsageException("--augment: expected none or shift:N (N pixels, 0 or more), got '" + spec + "'");
    }

    /**
     * The augmentation {@code spec} asks for on {@code data}'s images, or null for {@code none}.
     *
     * @throws UsageException if the data has no image shape, or the shift does not fit its images
     */
    static Augmentation forData(String spec, Dataset data) {
        int pixels = maxShift(spec);
        if (pixels < 0) {
            return null;
        }
        int[] image = data.imageShape();
        if (image == null) {
            throw new UsageException("--augment: expected data with an image shape (mnist, fashion-mnist, digits or "
                    + "another IDX image set), got " + data.name() + " with rows of " + Arrays.toString(data.featureShape()));
        }
        int largest = Math.min(image[1], image[2]) - 1;
        if (pixels > largest) {
            throw new UsageException("--augment: expected a shift of at most " + largest + " pixels for images "
                    + Arrays.toString(image) + ", got " + pixels);
        }
        return new ImageShift(pixels, image);
    }
}
