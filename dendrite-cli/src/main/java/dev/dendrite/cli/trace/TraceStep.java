package dev.dendrite.cli.trace;

import java.util.List;

/**
 * What the trace shows for one layer, or for a Dense layer and the activation that follows it:
 * neurons for Dense, features for Normalization, channel summaries for the rest.
 */
public sealed interface TraceStep {
    /** The index of the step's first layer in the model ({@code layers.<index>}). */
    int index();

    /** The layer's printed form, such as {@code Dense(4 -> 16)}. */
    String layer();

    /** The layer's output for the traced input, flattened. */
    float[] output();

    /**
     * A Dense layer's neurons, with the activation that follows it folded in.
     *
     * @param index          the Dense layer's index
     * @param layer          the Dense layer's printed form
     * @param activation     the following activation's name, or null when none follows
     * @param inputs         the layer's input width
     * @param neurons        the traced neurons (all, or the one asked for)
     * @param output         the activation's output (or the layer's, without one)
     */
    record Neurons(int index, String layer, String activation, int inputs, List<NeuronTrace> neurons,
            float[] output) implements TraceStep {
        /** Copies the list so the record stays immutable. */
        public Neurons {
            neurons = List.copyOf(neurons);
        }

        /** The index of the last layer this step covers: the activation's, when one is folded in. */
        public int lastIndex() {
            return activation == null ? index : index + 1;
        }
    }

    /**
     * A {@code Normalization} layer, feature by feature: what came in, what was subtracted and
     * divided, and what went on.
     *
     * @param index    the layer's index
     * @param layer    the layer's printed form
     * @param features every feature, in order
     * @param output   the layer's output
     */
    record Features(int index, String layer, List<FeatureScaling> features, float[] output) implements TraceStep {
        /** Copies the list so the record stays immutable. */
        public Features {
            features = List.copyOf(features);
        }
    }

    /**
     * Any other layer: a summary per channel of its output.
     *
     * @param index    the layer's index
     * @param layer    the layer's printed form
     * @param shape    the output's shape for one sample
     * @param channels one summary per channel, or a single one for a flat output
     * @param output   the layer's output
     */
    record Channels(int index, String layer, int[] shape, List<ChannelSummary> channels, float[] output)
            implements TraceStep {
        /** Copies the list so the record stays immutable. */
        public Channels {
            channels = List.copyOf(channels);
        }
    }
}
