package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the
 * survivors are scaled by {@code 1 / (1 - p)}, so the expected output equals the input and
 * evaluation mode can pass inputs through unchanged.
 *
 * <p>The mask is a constant of the forward pass, so the gradient is the same mask and scale
 * applied to the output gradient — a plain element-wise multiply gives it for free.
 *
 * <p>Shape: any; output has the input's shape. The mask comes from the {@link Random} given at
 * construction, so a seeded run drops the same units. Not thread-safe in training mode.
 */
public final class Dropout extends Module implements Stochastic {
    /** How model files name and rebuild this layer: {@code {"type":"dropout","p":0.5}}. */
    public static final LayerType<Dropout> TYPE = LayerType.of("dropout", Dropout.class, List.of("p"),
            dropout -> LayerSpec.of("dropout").with("p", dropout.probability()),
            (spec, random) -> new Dropout(spec.real("p"), random));

    private final float probability;
    private final Random random;

    /** Drops each element with probability {@code probability} in [0, 1), drawing from {@code random}. */
    public Dropout(double probability, Random random) {
        Validate.argument(probability >= 0 && probability < 1, "Dropout", "probability in [0, 1)",
                "p = " + probability);
        this.probability = (float) probability;
        this.random = random;
    }

    /** The drop probability. */
    public float probability() {
        return probability;
    }

    /**
     * The live generator the masks are drawn from (not a copy): drawing from it or reseeding it
     * changes the masks this layer draws next. Checkpoints read and restore its state through it.
     */
    @Override
    public Random random() {
        return random;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining() || probability == 0f) {
            return input;
        }
        float keep = 1f - probability;
        float[] mask = new float[input.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return input.mul(Tensor.wrap(mask, input.shape().dims()));
    }

    @Override
    protected String extraRepr() {
        return "p=" + probability;
    }
}
