package dev.dendrite.nn.activation;

import dev.dendrite.tensor.Validate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The activations by the names model specs and model files use, such as {@code relu} or
 * {@code gelu_tanh}. Each name gives the activation with its default hyperparameters; the name of
 * every activation ({@link Activation#name()}) is registered here, so a saved name loads back.
 *
 * <p>Adding an activation adds one line to {@link #FACTORIES}. Stateless and thread-safe: the map
 * is built once and never changes, and every lookup returns a new instance.
 */
public final class Activations {
    private static final Map<String, Supplier<Activation>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("identity", Identity::new);
        FACTORIES.put("relu", ReLU::new);
        FACTORIES.put("binary_step", BinaryStep::new);
        FACTORIES.put("binary_step_ste", () -> new BinaryStep(true));
        FACTORIES.put("tanh", Tanh::new);
        FACTORIES.put("sigmoid", Sigmoid::new);
        FACTORIES.put("leaky_relu", LeakyReLU::new);
        FACTORIES.put("elu", ELU::new);
        FACTORIES.put("gelu", GELU::new);
        FACTORIES.put("gelu_tanh", () -> new GELU(GELU.Approximation.TANH));
        FACTORIES.put("silu", SiLU::new);
        FACTORIES.put("softplus", Softplus::new);
        FACTORIES.put("softmax", Softmax::new);
    }

    private Activations() {
    }

    /**
     * A new activation for {@code name}, compared without regard to case, with its default
     * hyperparameters.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Activation byName(String name) {
        String key = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        Supplier<Activation> factory = key == null ? null : FACTORIES.get(key);
        Validate.argument(factory != null, "activation", "one of " + String.join(", ", names()),
                "'" + name + "'");
        return factory.get();
    }

    /** The registered names, in a fixed order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }
}
