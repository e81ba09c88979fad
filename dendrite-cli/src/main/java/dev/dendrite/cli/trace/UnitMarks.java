package dev.dendrite.cli.trace;

import java.util.Locale;

/**
 * Which activation outputs make a unit stand out on one input: a ReLU that outputs 0 passes no
 * gradient back (dead for this input), and a sigmoid or tanh near its limits passes almost none
 * (saturated). The one place that knows these rules; other activations are never marked.
 */
public final class UnitMarks {
    /** A sigmoid or tanh whose slope is below this share of its largest slope counts as saturated. */
    static final double SATURATED_SLOPE = 0.05;

    private UnitMarks() {
    }

    /**
     * The mark for a unit of activation {@code activation} with input {@code z} and output
     * {@code y}, or null when it is unremarkable.
     */
    public static String mark(String activation, float z, float y) {
        if (activation == null) {
            return null;
        }
        switch (activation) {
            case "relu":
                return z <= 0 ? "dead: z <= 0, so ReLU outputs 0 and passes no gradient" : null;
            case "sigmoid": {
                double slope = y * (1.0 - y) / 0.25;   // sigmoid'(z) = y(1-y), at most 1/4
                return slope < SATURATED_SLOPE ? saturated("sigmoid", slope) : null;
            }
            case "tanh": {
                double slope = 1.0 - (double) y * y;   // tanh'(z) = 1 - y², at most 1
                return slope < SATURATED_SLOPE ? saturated("tanh", slope) : null;
            }
            default:
                return null;
        }
    }

    /** Whether {@code activation}'s outputs can be marked at all. */
    public static boolean marks(String activation) {
        return "relu".equals(activation) || "sigmoid".equals(activation) || "tanh".equals(activation);
    }

    /** Whether the mark says the unit is dead (as opposed to saturated). */
    public static boolean isDead(String mark) {
        return mark != null && mark.startsWith("dead");
    }

    private static String saturated(String name, double slope) {
        return String.format(Locale.ROOT, "saturated: %s' is %.1f%% of its largest value", name, 100 * slope);
    }
}
