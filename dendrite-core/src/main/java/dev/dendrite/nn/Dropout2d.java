package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/**
 * Channel dropout: in training mode each whole channel of each image is zeroed with probability
 * {@code p} and the surviving channels are scaled by {@code 1 / (1 - p)}. Neighbouring pixels of a
 * feature map are strongly correlated, so dropping single pixels (as {@link Dropout} does) barely
 * regularises a convolutional layer; dropping whole maps does (Tompson et al., 2015).
 *
 * <p>The mask {@code [N, C, 1, 1]} is a constant broadcast over each map (scaling and gradient as
 * every {@link DropoutNd}'s). Evaluation mode passes inputs through.
 *
 * <p>Shape: {@code [N, C, H, W]}, unchanged. The masks come from the {@link Random} given at
 * construction (checkpoints save it). Not thread-safe in training mode.
 */
public final class Dropout2d extends DropoutNd {
    /** How model files and layer lists name this layer: {@code {"type":"dropout2d","p":0.25}}, {@code dropout2d:0.25}. */
    public static final LayerType<Dropout2d> TYPE = DropoutNd.type("dropout2d", Dropout2d.class, true, Dropout2d::new);

    /** Drops each channel with probability {@code probability} in [0, 1), drawing from {@code random}. */
    public Dropout2d(double probability, Random random) {
        super("Dropout2d", probability, random);
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] dims = ImageShapes.images(this, input.shape(), -1);
        return drop(input, dims[0], dims[1], 1, 1);
    }
}
