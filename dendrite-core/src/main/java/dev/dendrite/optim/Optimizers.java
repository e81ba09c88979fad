package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optimizers by the names the command line uses, each with the learning rate it gets when none
 * is given:
 *
 * <pre>
 * sgd       SGD                      0.01
 * momentum  SGD, momentum 0.9        0.01
 * nesterov  SGD, Nesterov 0.9        0.01
 * adagrad   AdaGrad                  0.01
 * rmsprop   RMSProp                  0.001
 * adam      Adam                     0.001
 * adamw     AdamW                    0.001
 * </pre>
 *
 * <p>Adding an optimizer adds one line to the static block. Stateless and thread-safe.
 */
public final class Optimizers {
    /** Makes an optimizer over parameters at a learning rate. */
    @FunctionalInterface
    private interface Factory {
        Optimizer create(List<Tensor> parameters, double learningRate);
    }

    private record Entry(Factory factory, double defaultLearningRate) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        ENTRIES.put("sgd", new Entry(SGD::new, 0.01));
        ENTRIES.put("momentum", new Entry((p, lr) -> new SGD(p, lr).momentum(0.9), 0.01));
        ENTRIES.put("nesterov", new Entry((p, lr) -> new SGD(p, lr).momentum(0.9).nesterov(true), 0.01));
        ENTRIES.put("adagrad", new Entry(AdaGrad::new, 0.01));
        ENTRIES.put("rmsprop", new Entry(RMSProp::new, 0.001));
        ENTRIES.put("adam", new Entry(Adam::new, 0.001));
        ENTRIES.put("adamw", new Entry(AdamW::new, 0.001));
    }

    private Optimizers() {
    }

    /**
     * A new optimizer {@code name} over {@code parameters}.
     *
     * @param learningRate the learning rate, or {@code null} for the name's default
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Optimizer create(String name, List<Tensor> parameters, Double learningRate) {
        Entry entry = entry(name);
        return entry.factory().create(parameters, learningRate != null ? learningRate : entry.defaultLearningRate());
    }

    /** The learning rate {@code name} gets when none is given. */
    public static double defaultLearningRate(String name) {
        return entry(name).defaultLearningRate();
    }

    /** The registered names, in a fixed order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(ENTRIES.keySet());
    }

    private static Entry entry(String name) {
        Entry entry = name == null ? null : ENTRIES.get(name);
        Validate.argument(entry != null, "optimizer", "one of " + String.join(", ", names()), "'" + name + "'");
        return entry;
    }
}
