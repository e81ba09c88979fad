package dev.dendrite.cli.plot;

import dev.dendrite.cli.TrainedModel;

/**
 * Whether a model's inputs are square images, and their side: MNIST's 784 features (or a
 * {@code [1, 28, 28]} sample) are 28×28, the bundled digits' 64 are 8×8. A width that is not a
 * square of at least 8×8 (iris's 4 features) is not an image.
 */
public final class ImageShape {
    static final int MIN_SIDE = 8;

    private ImageShape() {
    }

    /** The side of the model's square input images, or 0 when its inputs are not images. */
    static int side(TrainedModel model) {
        int[] shape = model.sampleInputShape();
        if (shape == null) {
            return 0;
        }
        if (shape.length >= 2 && shape[shape.length - 1] == shape[shape.length - 2]
                && shape[shape.length - 1] >= MIN_SIDE && (shape.length == 2 || shape[0] == 1)) {
            return shape[shape.length - 1];
        }
        return shape.length == 1 ? side(shape[0]) : 0;
    }

    /** The side of a square image of {@code features} pixels, or 0 when it is not one. */
    public static int side(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        return side >= MIN_SIDE && side * side == features ? side : 0;
    }

    /** Fails naming the command when the model's inputs are not images. */
    static int require(TrainedModel model, String command) {
        int side = side(model);
        if (side == 0) {
            int[] shape = model.sampleInputShape();
            throw new IllegalArgumentException(command + ": expected a model of square images (such as mnist or digits),"
                    + " got inputs " + (shape == null ? "of no declared shape" : java.util.Arrays.toString(shape)));
        }
        return side;
    }
}
