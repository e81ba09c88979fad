package dev.dendrite.nn;

import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.Softmax;
import java.util.List;

/**
 * The layer types that come with Dendrite, each declared by its layer as a {@code TYPE} constant.
 * Model files read and write them ({@code dev.dendrite.io.LayerTypes} registers every one), and
 * {@link LayerList} finds its item names in their {@link LayerType#listForms()}, so adding a layer
 * is its own file plus one line here. Activations without hyperparameters are found by name
 * ({@link dev.dendrite.nn.activation.Activations}) and need no line. Immutable.
 */
public final class BuiltInLayers {
    /** Every built-in layer type, in the order they are registered. */
    public static final List<LayerType<?>> TYPES = List.of(
            Dense.TYPE,
            Dropout.TYPE,
            LeakyReLU.TYPE,
            ELU.TYPE,
            Softmax.TYPE,
            Normalization.TYPE,
            Conv2d.TYPE,
            MaxPool2d.TYPE,
            AvgPool2d.TYPE,
            GlobalAvgPool2d.TYPE,
            Flatten.TYPE,
            Reshape.TYPE,
            BatchNorm1d.TYPE,
            BatchNorm2d.TYPE,
            Dropout2d.TYPE);

    private BuiltInLayers() {
    }
}
