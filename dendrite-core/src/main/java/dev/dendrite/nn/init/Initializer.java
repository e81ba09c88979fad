package dev.dendrite.nn.init;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Random;

/**
 * Chooses a layer's starting weights. Every initialiser draws from the {@link Random} it is given,
 * so the same seed gives the same weights.
 */
public interface Initializer {
    /**
     * A new tensor of shape {@code dims} for a layer with {@code fanIn} inputs and {@code fanOut}
     * outputs per unit.
     */
    Tensor create(Random random, int fanIn, int fanOut, int... dims);

    /** The name used in model specs, such as {@code he_uniform}. */
    String name();

    /** Looks an initialiser up by {@link #name()}. */
    static Initializer byName(String name) {
        switch (name) {
            case "xavier_uniform": case "glorot_uniform": return Xavier.uniform();
            case "xavier_normal": case "glorot_normal": return Xavier.normal();
            case "he_uniform": case "kaiming_uniform": return He.uniform();
            case "he_normal": case "kaiming_normal": return He.normal();
            case "zeros": return Constant.zeros();
            default:
                throw Validate.fail("initializer", "one of xavier_uniform, xavier_normal, he_uniform, he_normal, "
                        + "zeros", "'" + name + "'");
        }
    }
}
