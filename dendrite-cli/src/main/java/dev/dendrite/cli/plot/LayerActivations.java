package dev.dendrite.cli.plot;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.cli.trace.UnitMarks;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Activation;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every layer's outputs over a sample of inputs, with the share of dead and saturated units
 * (as {@link UnitMarks} judges them): what {@code plot layers} draws. Immutable.
 *
 * @param index     the layer's index
 * @param name      the layer's printed form, or the activation's name
 * @param values    the layer's outputs for every sampled input, flattened
 * @param units     the number of units (output values per input)
 * @param marked    the share of outputs that are marked (dead or saturated)
 * @param deadUnits the number of units dead on every sampled input (ReLU only, else 0)
 * @param markKind  "dead" or "saturated", or null when the layer's outputs are never marked
 */
record LayerActivations(int index, String name, float[] values, int units, double marked, int deadUnits,
        String markKind) {
    /** Runs {@code model} (in evaluation mode, without a graph) on {@code inputs} and keeps each layer's output. */
    static List<LayerActivations> of(Sequential model, Tensor inputs) {
        model.eval();
        List<LayerActivations> layers = new ArrayList<>();
        float[][] previous = {inputs.toArray()};
        int rows = inputs.shape().dim(0);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            model.forward(inputs, (index, layer, output) -> {
                float[] values = output.toArray();
                layers.add(summarise(index, layer, previous[0], values, values.length / rows));
                previous[0] = values;
            });
        }
        return layers;
    }

    private static LayerActivations summarise(int index, Module layer, float[] in, float[] out, int units) {
        String activation = layer instanceof Activation a ? a.name() : null;
        if (!UnitMarks.marks(activation) || in.length != out.length) {
            return new LayerActivations(index, activation != null ? activation : layer.toString(), out, units, 0, 0,
                    null);
        }
        long marked = 0;
        boolean[] alive = new boolean[units];
        String kind = null;
        for (int i = 0; i < out.length; i++) {
            String mark = UnitMarks.mark(activation, in[i], out[i]);
            if (mark != null) {
                marked++;
                kind = UnitMarks.isDead(mark) ? "dead" : "saturated";
            }
            if (mark == null || !UnitMarks.isDead(mark)) {
                alive[i % units] = true;
            }
        }
        int dead = 0;
        for (boolean a : alive) {
            dead += a ? 0 : 1;
        }
        String markKind = kind != null ? kind : "relu".equals(activation) ? "dead" : "saturated";
        return new LayerActivations(index, activation, out, units, (double) marked / out.length,
                "dead".equals(markKind) ? dead : 0, markKind);
    }

    /** The chart title: the layer, and its dead or saturated share when it has one. */
    String title() {
        String title = "layers." + index + " " + name;
        if (markKind == null) {
            return title;
        }
        if ("dead".equals(markKind)) {
            return String.format(Locale.ROOT, "%s: %.0f%% zero, %d/%d units dead", title, 100 * marked, deadUnits, units);
        }
        return String.format(Locale.ROOT, "%s: %.1f%% saturated", title, 100 * marked);
    }
}
