package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * Channel dropout: in training mode each whole channel of each image is zeroed with probability
 * {@code p} and the surviving channels are scaled by {@code 1 / (1 - p)}. Neighbouring pixels of a
 * feature map are strongly correlated, so dropping single pixels (as {@link Dropout} does) barely
 * regularises a convolutional layer; dropping whole maps does (Tompson et al., 2015).
 *
 * <p>The mask {@code [N, C, 1, 1]} is a constant broadcast over each map, so the gradient is the
 * same mask and scale applied to the output gradient. Evaluation mode passes inputs through.
 *
 * <p>Shape: {@code [N, C, H, W]}, unchanged. The masks come from the {@link Random} given at
 * construction (checkpoints save it). Not thread-safe in training mode.
 */
public final class Dropout2d extends Module implements Stochastic {
    /** How model files name this layer: {@code {"type":"dropout2d","p":0.25}}. */
    public static final LayerType<Dropout2d> TYPE = LayerType.of("dropout2d", Dropout2d.class, List.of("p"),
            dropout -> LayerSpec.of("dropout2d").with("p", dropout.probability()),
            (spec, random) -> new Dropout2d(spec.real("p"), random));

    private final float probability;
    private final Random random;

    /** Drops each channel with probability {@code probability} in [0, 1), drawing from {@code random}. */
    public Dropout2d(double probability, Random random) {
        Validate.argument(probability >= 0 && probability < 1, "Dropout2d", "probability in [0, 1)",
                "p = " + probability);
        this.probability = (float) probability;
        this.random = random;
    }

    /** The drop probability. */
    public float probability() {
        return probability;
    }

    /** The live generator the masks are drawn from (not a copy); checkpoints save and restore it. */
    @Override
    public Random random() {
        return random;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] dims = ImageShapes.images(this, input.shape(), -1);
        if (!isTraining() || probability == 0f) {
            return input;
        }
        float keep = 1f - probability;
        float[] mask = new float[dims[0] * dims[1]];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return input.mul(Tensor.wrap(mask, dims[0], dims[1], 1, 1));
    }

    @Override
    protected String extraRepr() {
        return "p=" + probability;
    }
}
