package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/**
 * Inverted dropout of single elements: in training mode each element is zeroed with probability
 * {@code p} and the survivors are scaled by {@code 1 / (1 - p)} (the scaling and gradient as every
 * {@link DropoutNd}'s).
 *
 * <p>Shape: any; output has the input's shape. The mask comes from the {@link Random} given at
 * construction, so a seeded run drops the same units. Not thread-safe in training mode.
 */
public final class Dropout extends DropoutNd {
    /** How model files and layer lists name and rebuild this layer: {@code {"type":"dropout","p":0.5}}, {@code dropout:0.5}. */
    public static final LayerType<Dropout> TYPE = DropoutNd.type("dropout", Dropout.class, false, Dropout::new);

    /** Drops each element with probability {@code probability} in [0, 1), drawing from {@code random}. */
    public Dropout(double probability, Random random) {
        super("Dropout", probability, random);
    }

    @Override
    public Tensor forward(Tensor input) {
        return drop(input, input.shape().dims());
    }
}
