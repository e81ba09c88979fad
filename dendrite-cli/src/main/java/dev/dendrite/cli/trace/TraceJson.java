package dev.dendrite.cli.trace;

import dev.dendrite.cli.JsonText;

/** Writes a {@link Trace} as one JSON object, for tools; the same numbers as {@link TraceText}. */
public final class TraceJson {
    private TraceJson() {
    }

    /** The trace as JSON text. */
    public static String of(Trace trace) {
        StringBuilder json = new StringBuilder("{\"input\": ").append(array(trace.input()));
        if (trace.normalised() != null) {
            json.append(", \"normalised\": ").append(array(trace.normalised()));
        }
        json.append(", \"layers\": [");
        for (int i = 0; i < trace.steps().size(); i++) {
            TraceStep step = trace.steps().get(i);
            json.append(i == 0 ? "" : ", ").append("{\"index\": ").append(step.index())
                    .append(", \"layer\": ").append(JsonText.quote(step.layer()));
            if (step instanceof TraceStep.Neurons neurons) {
                appendNeurons(json, neurons);
            } else if (step instanceof TraceStep.Features features) {
                appendFeatures(json, features);
            } else {
                appendChannels(json, (TraceStep.Channels) step);
            }
            json.append('}');
        }
        json.append("], \"output\": ").append(array(trace.output()));
        if (trace.probabilities() != null) {
            json.append(", \"probabilities\": {");
            for (int c = 0; c < trace.probabilities().length; c++) {
                json.append(c == 0 ? "" : ", ").append(JsonText.quote(trace.classNames().get(c))).append(": ")
                        .append(JsonText.number(trace.probabilities()[c]));
            }
            json.append("}, \"predicted\": ").append(JsonText.quote(trace.classNames().get(trace.predicted())));
        }
        return json.append('}').toString();
    }

    private static void appendNeurons(StringBuilder json, TraceStep.Neurons step) {
        json.append(", \"activation\": ").append(step.activation() == null ? "null" : JsonText.quote(step.activation()))
                .append(", \"neurons\": [");
        for (int i = 0; i < step.neurons().size(); i++) {
            NeuronTrace n = step.neurons().get(i);
            json.append(i == 0 ? "" : ", ").append("{\"neuron\": ").append(n.neuron()).append(", \"terms\": [");
            for (int t = 0; t < n.terms().size(); t++) {
                Term term = n.terms().get(t);
                json.append(t == 0 ? "" : ", ").append("{\"input\": ").append(term.input())
                        .append(", \"x\": ").append(JsonText.number(term.x()))
                        .append(", \"weight\": ").append(JsonText.number(term.weight()))
                        .append(", \"product\": ").append(JsonText.number(term.value())).append('}');
            }
            json.append("], \"omitted\": ").append(n.omitted())
                    .append(", \"omitted_sum\": ").append(JsonText.number(n.restSum()))
                    .append(", \"sum\": ").append(JsonText.number(n.sum()))
                    .append(", \"bias\": ").append(JsonText.number(n.bias()))
                    .append(", \"z\": ").append(JsonText.number(n.z()))
                    .append(", \"output\": ").append(JsonText.number(n.output()))
                    .append(", \"mark\": ").append(n.mark() == null ? "null" : JsonText.quote(n.mark())).append('}');
        }
        json.append(']');
    }

    private static void appendFeatures(StringBuilder json, TraceStep.Features step) {
        json.append(", \"features\": [");
        for (int i = 0; i < step.features().size(); i++) {
            FeatureScaling f = step.features().get(i);
            json.append(i == 0 ? "" : ", ").append("{\"feature\": ").append(f.feature())
                    .append(", \"raw\": ").append(JsonText.number(f.raw()))
                    .append(", \"offset\": ").append(JsonText.number(f.offset()))
                    .append(", \"scale\": ").append(JsonText.number(f.scale()))
                    .append(", \"normalised\": ").append(JsonText.number(f.normalised())).append('}');
        }
        json.append(']');
    }

    private static void appendChannels(StringBuilder json, TraceStep.Channels step) {
        json.append(", \"shape\": ").append(java.util.Arrays.toString(step.shape())).append(", \"channels\": [");
        for (int i = 0; i < step.channels().size(); i++) {
            ChannelSummary c = step.channels().get(i);
            json.append(i == 0 ? "" : ", ").append("{\"channel\": ").append(c.channel())
                    .append(", \"min\": ").append(JsonText.number(c.min()))
                    .append(", \"max\": ").append(JsonText.number(c.max()))
                    .append(", \"mean\": ").append(JsonText.number(c.mean()))
                    .append(", \"argmax\": ").append(c.argmax()).append('}');
        }
        json.append(']');
    }

    private static String array(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(JsonText.number(values[i]));
        }
        return s.append(']').toString();
    }
}
