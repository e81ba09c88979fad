package dev.dendrite.cli.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole trace: the input, what each layer did, and the model's answer.
 *
 * @param input         the raw input sample, flattened
 * @param normalised    the input after the model's normalisation, or null when it has none
 * @param steps         what each layer did, in order (all, or the focused one)
 * @param output        the model's output (class scores, or regression values)
 * @param probabilities the class probabilities, or null for a regression model
 * @param classNames    the class names in index order; empty for regression
 */
public record Trace(float[] input, float[] normalised, List<TraceStep> steps, float[] output,
        float[] probabilities, List<String> classNames) {
    /** Copies the lists so the record stays immutable. */
    public Trace {
        steps = List.copyOf(steps);
        classNames = List.copyOf(classNames);
    }

    /** The index of the most probable class, or -1 for regression. */
    public int predicted() {
        if (probabilities == null) {
            return -1;
        }
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            best = probabilities[c] > probabilities[best] ? c : best;
        }
        return best;
    }

    /**
     * The trace restricted to the step that covers layer {@code layer} (null: every step) and, in
     * it, to neuron {@code neuron} (null: every neuron).
     *
     * @throws IllegalArgumentException when the neuron is out of range or the layer has no neurons
     */
    public Trace focus(Integer layer, Integer neuron) {
        List<TraceStep> kept = new ArrayList<>();
        for (TraceStep step : steps) {
            int last = step instanceof TraceStep.Neurons n ? n.lastIndex() : step.index();
            if (layer == null || (layer >= step.index() && layer <= last)) {
                kept.add(neuron == null ? step : oneNeuron(step, neuron));
            }
        }
        return new Trace(input, normalised, kept, output, probabilities, classNames);
    }

    private static TraceStep oneNeuron(TraceStep step, int neuron) {
        if (!(step instanceof TraceStep.Neurons n)) {
            throw new IllegalArgumentException("--neuron: expected a Dense layer, got layers." + step.index() + " "
                    + step.layer());
        }
        if (neuron < 0 || neuron >= n.neurons().size()) {
            throw new IllegalArgumentException("--neuron: expected a neuron from 0 to " + (n.neurons().size() - 1)
                    + " of layers." + n.index() + " " + n.layer() + ", got " + neuron);
        }
        return new TraceStep.Neurons(n.index(), n.layer(), n.activation(), n.inputs(),
                List.of(n.neurons().get(neuron)), n.output());
    }
}
