package dev.dendrite.cli.trace;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link Trace} the way the article works a layer through: each neuron's
 * {@code weight × input} terms, their sum, the bias, {@code z} and the activation's output.
 */
public final class TraceText {
    /** Inputs listed in full up to this many values; longer ones are summarised. */
    static final int LIST_LIMIT = 16;

    private TraceText() {
    }

    /** Prints {@code trace} to {@code out}. */
    public static void print(Trace trace, PrintWriter out) {
        out.println("input" + vector(trace.input()));
        if (trace.normalised() != null) {
            out.println("normalised input" + vector(trace.normalised()));
        }
        for (TraceStep step : trace.steps()) {
            out.println();
            if (step instanceof TraceStep.Neurons neurons) {
                printNeurons(out, neurons);
            } else if (step instanceof TraceStep.Features features) {
                printFeatures(out, features);
            } else {
                printChannels(out, (TraceStep.Channels) step);
            }
        }
        out.println();
        printAnswer(out, trace);
    }

    private static void printNeurons(PrintWriter out, TraceStep.Neurons step) {
        String activation = step.activation();
        out.println("layers." + step.index() + " " + step.layer() + (activation == null ? ", no activation"
                : ", then layers." + step.lastIndex() + " " + activation));
        List<Integer> marked = new ArrayList<>();
        for (NeuronTrace n : step.neurons()) {
            out.println("  neuron " + n.neuron());
            for (Term t : n.terms()) {
                out.println(line("w[" + t.input() + "]·x[" + t.input() + "]", t.value())
                        + "   (" + num(t.weight()) + " × " + num(t.x()) + ")");
            }
            if (n.omitted() > 0) {
                out.println(line("… and " + n.omitted() + " more", n.restSum())
                        + "   (the other " + n.omitted() + " term" + (n.omitted() == 1 ? "" : "s") + " together)");
            }
            out.println(line("sum", n.sum()));
            out.println(line("+ bias", n.bias()));
            out.println(line("z", n.z()));
            if (activation != null) {
                out.println(line(activation + "(z)", n.output()) + (n.mark() == null ? "" : "   <- " + n.mark()));
            }
            if (n.mark() != null) {
                marked.add(n.neuron());
            }
        }
        if (UnitMarks.marks(activation) && step.neurons().size() > 1) {
            out.println("  marked: " + marked.size() + " of " + step.neurons().size() + " units on this input"
                    + (marked.isEmpty() ? "" : " " + marked));
        }
    }

    /** A table of the first {@link #LIST_LIMIT} features, then the range of the rest. */
    private static void printFeatures(PrintWriter out, TraceStep.Features step) {
        out.println("layers." + step.index() + " " + step.layer() + ": (x - offset) / scale, feature by feature");
        out.println(String.format(Locale.ROOT, "  %-9s %10s %10s %10s %12s", "feature", "raw", "offset", "scale",
                "normalised"));
        List<FeatureScaling> features = step.features();
        int shown = Math.min(features.size(), LIST_LIMIT);
        for (FeatureScaling f : features.subList(0, shown)) {
            out.println(String.format(Locale.ROOT, "  %-9s %10.4f %10.4f %10.4f %12.4f", "x[" + f.feature() + "]",
                    f.raw(), f.offset(), f.scale(), f.normalised()));
        }
        if (features.size() > shown) {
            float low = Float.POSITIVE_INFINITY;
            float high = Float.NEGATIVE_INFINITY;
            for (FeatureScaling f : features.subList(shown, features.size())) {
                low = Math.min(low, f.normalised());
                high = Math.max(high, f.normalised());
            }
            out.println(String.format(Locale.ROOT, "  … and %d more features, normalised to %s … %s (--json lists all)",
                    features.size() - shown, num(low), num(high)));
        }
    }

    private static void printChannels(PrintWriter out, TraceStep.Channels step) {
        out.println("layers." + step.index() + " " + step.layer() + ", output " + java.util.Arrays.toString(step.shape()));
        for (ChannelSummary c : step.channels()) {
            String where = c.channel() < 0 ? "  values" : "  channel " + c.channel();
            out.println(String.format(Locale.ROOT, "%s: min %s, max %s at position %d, mean %s", where,
                    num(c.min()), num(c.max()), c.argmax(), num(c.mean())));
        }
    }

    private static void printAnswer(PrintWriter out, Trace trace) {
        out.println("output" + vector(trace.output()));
        if (trace.probabilities() == null) {
            return;
        }
        StringBuilder line = new StringBuilder("probabilities:");
        float[] p = trace.probabilities();
        for (int c = 0; c < p.length; c++) {
            line.append(c == 0 ? " " : ", ").append(trace.classNames().get(c)).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", p[c]));
        }
        out.println(line);
        int best = trace.predicted();
        out.println(String.format(Locale.ROOT, "predicted: %s (p = %.4f)", trace.classNames().get(best), p[best]));
    }

    private static String vector(float[] values) {
        StringBuilder s = new StringBuilder(" (" + values.length + " values): [");
        int shown = values.length <= LIST_LIMIT ? values.length : LIST_LIMIT;
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(num(values[i]));
        }
        return s.append(values.length > shown ? ", … " + (values.length - shown) + " more]" : "]").toString();
    }

    /** {@code label = value} with the labels padded so that the values form a column. */
    static String line(String label, double value) {
        return String.format(Locale.ROOT, "    %-15s = %10.4f", label, value);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
