package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * What {@link Dropout} and {@link Dropout2d} share (PyTorch's {@code _DropoutNd}): the drop
 * probability {@code p} and its check, the generator the masks come from (which checkpoints save,
 * as for every {@link Stochastic} module), and inverted scaling: in training mode each masked unit
 * (an element, or a whole channel) is zeroed with probability {@code p} and the survivors are scaled
 * by {@code 1 / (1 - p)}, so the expected output equals the input and evaluation mode passes inputs
 * through. The mask is a constant of the forward pass, so the gradient is the same mask and scale
 * applied to the output gradient, which the element-wise multiply gives for free. Sealed;
 * not thread-safe in training mode.
 */
public abstract sealed class DropoutNd extends Module implements Stochastic permits Dropout, Dropout2d {
    private final float probability;
    private final Random random;

    /** Checks {@code probability} in [0, 1); {@code layer} names the subclass in messages. */
    DropoutNd(String layer, double probability, Random random) {
        Validate.argument(probability >= 0 && probability < 1, layer, "probability in [0, 1)", "p = " + probability);
        this.probability = (float) probability;
        this.random = random;
    }

    /** Builds one kind of dropout from its probability and generator. */
    @FunctionalInterface
    interface Factory<D extends DropoutNd> {
        D create(double probability, Random random);
    }

    /**
     * The model-file form {@code {"type":NAME,"p":0.5}} and layer-list form {@code NAME:P} of one
     * kind of dropout; {@code takesImages} for a kind that needs {@code [N, C, H, W]}.
     */
    static <D extends DropoutNd> LayerType<D> type(String name, Class<D> layerClass, boolean takesImages,
            Factory<D> factory) {
        return LayerType.of(name, layerClass, List.of("p"),
                dropout -> LayerSpec.of(name).with("p", dropout.probability()),
                (spec, random) -> factory.create(spec.real("p"), random))
                .withListForms(ListForm.of(name, name + ":P", 1, 1, takesImages,
                        (args, input, random) -> factory.create(args.real(0, "a probability"), random)));
    }

    /** The drop probability. */
    public final float probability() {
        return probability;
    }

    /**
     * The live generator the masks are drawn from (not a copy): drawing from it or reseeding it
     * changes the masks this layer draws next. Checkpoints read and restore its state through it.
     */
    @Override
    public final Random random() {
        return random;
    }

    /**
     * {@code input} times a mask of {@code maskDims} (broadcast over the input): each of its values
     * is {@code 1 / (1 - p)} with probability {@code 1 - p}, else 0, drawn in order. The input itself
     * in evaluation mode or when {@code p = 0}, with nothing drawn.
     */
    final Tensor drop(Tensor input, int... maskDims) {
        if (!isTraining() || probability == 0f) {
            return input;
        }
        int count = 1;
        for (int d : maskDims) {
            count *= d;
        }
        float keep = 1f - probability;
        float[] mask = new float[count];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextFloat() < keep ? 1f / keep : 0f;
        }
        return input.mul(Tensor.wrap(mask, maskDims));
    }

    @Override
    protected final String extraRepr() {
        return "p=" + probability;
    }
}
