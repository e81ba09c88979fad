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
    /** Makes an optimizer over parameters at a learning rate with a weight decay (0 for none). */
    @FunctionalInterface
    private interface Factory {
        Optimizer create(List<Tensor> parameters, double learningRate, double weightDecay);
    }

    private record Entry(Factory factory, double defaultLearningRate) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final List<String> WITH_WEIGHT_DECAY = List.of("sgd", "momentum", "nesterov", "adam", "adamw");

    static {
        ENTRIES.put("sgd", new Entry((p, lr, wd) -> new SGD(p, lr).weightDecay(wd), 0.01));
        ENTRIES.put("momentum", new Entry((p, lr, wd) -> new SGD(p, lr).momentum(0.9).weightDecay(wd), 0.01));
        ENTRIES.put("nesterov", new Entry((p, lr, wd) -> new SGD(p, lr).momentum(0.9).nesterov(true)
                .weightDecay(wd), 0.01));
        ENTRIES.put("adagrad", new Entry((p, lr, wd) -> new AdaGrad(p, lr), 0.01));
        ENTRIES.put("rmsprop", new Entry((p, lr, wd) -> new RMSProp(p, lr), 0.001));
        ENTRIES.put("adam", new Entry((p, lr, wd) -> new Adam(p, lr).weightDecay(wd), 0.001));
        ENTRIES.put("adamw", new Entry((p, lr, wd) -> new AdamW(p, lr).weightDecay(wd), 0.001));
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
        return entry.factory().create(parameters, learningRate != null ? learningRate : entry.defaultLearningRate(), 0);
    }

    /**
     * As {@link #create(String, List, Double)} with weight decay: L2 added to the gradient for SGD
     * and Adam, decoupled for AdamW.
     *
     * @param weightDecay the decay, at least 0
     * @throws IllegalArgumentException for an unknown name, a negative decay, or a decay for an
     *     optimizer without one ({@link #hasWeightDecay})
     */
    public static Optimizer create(String name, List<Tensor> parameters, Double learningRate, double weightDecay) {
        Entry entry = entry(name);
        Validate.argument(weightDecay == 0 || hasWeightDecay(name), "optimizer '" + name + "'",
                "no weight decay (only " + String.join(", ", WITH_WEIGHT_DECAY) + " have one)", weightDecay);
        return entry.factory().create(parameters, learningRate != null ? learningRate : entry.defaultLearningRate(),
                weightDecay);
    }

    /** Whether the optimizer {@code name} takes a weight decay. */
    public static boolean hasWeightDecay(String name) {
        return WITH_WEIGHT_DECAY.contains(name);
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
