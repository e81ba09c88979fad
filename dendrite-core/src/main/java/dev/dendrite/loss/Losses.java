package dev.dendrite.loss;

import dev.dendrite.tensor.Validate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The losses by the names the command line and model files use: {@code cross_entropy},
 * {@code binary_cross_entropy}, {@code mse}, {@code mae}, {@code huber}. Each name gives the loss
 * with its default settings (mean reduction; Huber's delta 1).
 *
 * <p>Adding a loss adds one line to the static block. Stateless and thread-safe: the map is built
 * once and every lookup returns a new instance.
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> FACTORIES = new LinkedHashMap<>();
    /** The losses that fit numeric targets (regression), not class labels. */
    private static final Set<String> REGRESSION = Set.of("mse", "mae", "huber");

    static {
        FACTORIES.put("cross_entropy", CrossEntropy::new);
        FACTORIES.put("binary_cross_entropy", BinaryCrossEntropy::new);
        FACTORIES.put("mse", MSE::new);
        FACTORIES.put("mae", MAE::new);
        FACTORIES.put("huber", Huber::new);
    }

    private Losses() {
    }

    /**
     * A new loss for {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Loss byName(String name) {
        Supplier<Loss> factory = name == null ? null : FACTORIES.get(name);
        Validate.argument(factory != null, "loss", "one of " + String.join(", ", names()), "'" + name + "'");
        return factory.get();
    }

    /** The registered names, in a fixed order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** Whether the loss {@code name} fits numeric targets (mse, mae, huber) rather than class labels. */
    public static boolean isRegression(String name) {
        return REGRESSION.contains(name);
    }
}
