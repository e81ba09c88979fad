package dev.dendrite.cli.trace;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Activation;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a model on one input layer by layer and records what each layer did.
 *
 * <p>This is the one place that knows layer kinds: a {@link Dense} layer is shown neuron by
 * neuron, with the element-wise activation right after it folded in; a {@link Normalization}
 * layer feature by feature (raw value, offset, scale, normalised value); every other layer (a
 * convolution, pooling, a lone activation) gets a {@link TraceStep.Channels} summary of its
 * output, per channel when the output has channels ({@code [C, ...]} per sample). A layer kind
 * with a view of its own adds a case to {@link #step}.
 *
 * <p>Every number comes from the layers' own forward passes: {@code z} is the Dense layer's
 * output and the activation's output is the activation layer's, so the trace shows what the
 * network computes, not a re-derivation of it. Stateless.
 */
public final class Tracer {
    private final int top;

    /** A tracer that keeps each neuron's {@code top} largest terms. */
    public Tracer(int top) {
        if (top < 1) {
            throw new IllegalArgumentException("trace: expected --top >= 1, got " + top);
        }
        this.top = top;
    }

    /**
     * Traces {@code model} (in evaluation mode, recording no graph) on {@code input}, a batch of
     * one sample.
     *
     * @return one step per Dense layer (with its activation) or other layer, in order
     */
    public List<TraceStep> trace(Sequential model, Tensor input) {
        model.eval();
        List<TraceStep> steps = new ArrayList<>();
        List<Module> layers = model.layers();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor x = input;
            for (int i = 0; i < layers.size(); i++) {
                Module next = i + 1 < layers.size() ? layers.get(i + 1) : null;
                Tensor[] out = new Tensor[1];
                TraceStep step = step(i, layers.get(i), next, x, out);
                steps.add(step);
                x = out[0];
                if (step instanceof TraceStep.Neurons neurons) {
                    i = neurons.lastIndex();
                }
            }
        }
        return steps;
    }

    private TraceStep step(int index, Module layer, Module next, Tensor x, Tensor[] out) {
        Tensor y = forward(index, layer, x);
        if (layer instanceof Dense dense) {
            ElementwiseActivation activation = next instanceof ElementwiseActivation a ? a : null;
            Tensor a = activation == null ? y : forward(index + 1, activation, y);
            out[0] = a;
            return neurons(index, dense, activation, x.toArray(), y.toArray(), a.toArray());
        }
        out[0] = y;
        if (layer instanceof Normalization normalization) {
            return features(index, normalization, x.toArray(), y.toArray());
        }
        return channels(index, layer, y);
    }

    /** The raw and normalised value of each feature, beside the offset and scale between them. */
    private static TraceStep.Features features(int index, Normalization layer, float[] x, float[] y) {
        float[] offset = layer.offset();
        float[] scale = layer.scale();
        List<FeatureScaling> features = new ArrayList<>(x.length);
        for (int j = 0; j < x.length; j++) {
            features.add(new FeatureScaling(j, x[j], offset[j], scale[j], y[j]));
        }
        return new TraceStep.Features(index, layer.toString(), features, y);
    }

    private static Tensor forward(int index, Module layer, Tensor x) {
        try {
            return layer.forward(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layers." + index + ": " + e.getMessage(), e);
        }
    }

    private TraceStep.Neurons neurons(int index, Dense dense, Activation activation, float[] x, float[] z,
            float[] a) {
        float[] weight = dense.weight().toArray();
        float[] bias = dense.bias().toArray();
        int in = dense.inFeatures();
        int out = dense.outFeatures();
        String name = activation == null ? null : activation.name();
        List<NeuronTrace> neurons = new ArrayList<>(out);
        for (int j = 0; j < out; j++) {
            Term[] terms = new Term[in];
            double sum = 0;
            for (int k = 0; k < in; k++) {
                terms[k] = new Term(k, x[k], weight[k * out + j]);
                sum += terms[k].value();
            }
            List<Term> largest = largest(terms);
            double kept = largest.stream().mapToDouble(Term::value).sum();
            neurons.add(new NeuronTrace(j, largest, in, sum - kept, sum, bias[j], z[j], a[j],
                    UnitMarks.mark(name, z[j], a[j])));
        }
        return new TraceStep.Neurons(index, dense.toString(), name, in, neurons, a);
    }

    /** The {@code top} terms of largest magnitude, back in input order so they read as a sum. */
    private List<Term> largest(Term[] terms) {
        if (terms.length <= top) {
            return Arrays.asList(terms);
        }
        Term[] sorted = terms.clone();
        Arrays.sort(sorted, Comparator.comparingDouble((Term t) -> -Math.abs(t.value())));
        Term[] kept = Arrays.copyOf(sorted, top);
        Arrays.sort(kept, Comparator.comparingInt(Term::input));
        return Arrays.asList(kept);
    }

    private static TraceStep.Channels channels(int index, Module layer, Tensor y) {
        int[] dims = y.shape().dims();
        int[] sample = Arrays.copyOfRange(dims, 1, dims.length);
        float[] values = y.toArray();
        List<ChannelSummary> summaries = new ArrayList<>();
        if (sample.length >= 2) {
            int channels = sample[0];
            int size = values.length / channels;
            for (int c = 0; c < channels; c++) {
                summaries.add(ChannelSummary.of(c, values, c * size, size));
            }
        } else {
            summaries.add(ChannelSummary.of(-1, values, 0, values.length));
        }
        return new TraceStep.Channels(index, layer.toString(), sample, summaries, values);
    }
}
