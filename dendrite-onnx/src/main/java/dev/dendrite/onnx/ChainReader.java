package dev.dendrite.onnx;

import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.tensor.Shape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ONNX graph that is a chain (each value read by the next layer only) from its input to
 * its output, turning each group of nodes into a Dendrite layer. A node no pattern takes, a value
 * read by two layers, or a node off the chain ends the import with one line naming the node.
 *
 * <p>Mutable; one reader serves one import.
 */
final class ChainReader {
    /** What the importer understands, for refusals. */
    static final String SUPPORTED = "Gemm, MatMul (+ Add), Relu, Tanh, Sigmoid, LeakyRelu, Elu, Softplus, Softmax, "
            + "Gelu, GELU and SiLU written as element-wise operators, GreaterOrEqual + Cast (step), Identity, Dropout, "
            + "Flatten or Reshape (also as Shape/Gather/Unsqueeze/Concat), Constant, Conv (group 1, square kernel), "
            + "MaxPool, AveragePool (also after a zero Pad), GlobalAveragePool, BatchNormalization (inference), "
            + "Sub + Div by constants at the input (Normalization)";

    private final GraphIndex graph;
    private final Set<String> outputs;
    private final Set<NodeProto> taken = new HashSet<>();
    private int[] sample;
    private int[] modelInput;
    private boolean onlyElementwise = true;

    ChainReader(GraphIndex graph, String output, int[] sample) {
        this.graph = graph;
        this.outputs = Set.of(output);
        this.sample = sample;
        this.modelInput = sample;
    }

    /** The model computing {@code output} from {@code input}; then {@link #sampleShape()} is the shape it takes. */
    Sequential read(String input, String output) throws OnnxFormatException {
        return read(input, output, List.of());
    }

    /** As {@link #read(String, String)}, starting at {@code start}, with {@code before} already read by the caller. */
    Sequential read(String start, String output, List<NodeProto> before) throws OnnxFormatException {
        taken.addAll(before);
        Sequential model = new Sequential();
        String value = start;
        while (!value.equals(output)) {
            Match match = next(value);
            take(value, match);
            if (match.layer() != null) {
                model.add(match.layer());
                onlyElementwise &= match.layer() instanceof ElementwiseActivation;
            }
            value = match.output();
        }
        for (NodeProto node : graph.nodes()) {
            boolean constant = node.getOpType().equals("Constant") && node.getDomain().isEmpty();
            if (!taken.contains(node) && !constant) {
                throw graph.fail("node " + GraphIndex.describe(node) + " is not on the chain from input to output "
                        + "(graphs with branches or skip connections are not supported)");
            }
        }
        return model;
    }

    /** The per-sample shape the model takes: the file's, or that shape flattened when the file flattens it. */
    int[] sampleShape() {
        return modelInput;
    }

    /** The layer that starts at {@code value}. */
    private Match next(String value) throws OnnxFormatException {
        List<NodeProto> readers = graph.consumers(value);
        if (readers.isEmpty()) {
            throw graph.fail("value '" + value + "' is read by no node and is not the graph output");
        }
        NodeProto first = readers.get(0);
        for (NodeProto reader : readers) {
            // A lone reader, or the Reshape of a flatten whose shape is computed from Shape(value).
            if (readers.size() == 1 || reader.getOpType().equals("Reshape")) {
                Match single = single(reader, value);
                if (single != null) {
                    return single;
                }
            }
        }
        Match region = ElementwiseRegion.find(graph, value, taken, outputs);
        if (region != null) {
            return region;
        }
        if (readers.size() > 1) {
            throw graph.fail("value '" + value + "' is read by " + readers.size() + " nodes ("
                    + GraphIndex.describe(first) + ", " + GraphIndex.describe(readers.get(1))
                    + "): not a chain (graphs with branches or skip connections are not supported)");
        }
        throw graph.fail("node " + GraphIndex.describe(first) + " is not supported here; supported: " + SUPPORTED);
    }

    /** The layer a lone reader of {@code value} starts, or null when no one-node pattern fits. */
    private Match single(NodeProto node, String value) throws OnnxFormatException {
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            return null;
        }
        switch (node.getOpType()) {
            case "Gemm", "MatMul" -> {
                if (sample.length != 1) {
                    throw graph.fail("node " + GraphIndex.describe(node) + ": expected an input of [N, features], got "
                            + "[N, " + Arrays.toString(sample).replaceAll("[\\[\\]]", "") + "] (no Flatten before it)");
                }
                Match dense = DensePattern.find(graph, node, value, sample[0]);
                if (dense != null) {
                    sample = new int[] {((dev.dendrite.nn.Dense) dense.layer()).outFeatures()};
                }
                return dense;
            }
            case "Flatten", "Reshape" -> {
                Match flatten = FlattenPattern.find(graph, node, value, sample);
                if (flatten != null && sample.length > 1 && !onlyElementwise) {
                    // After a layer that needs the shape (a convolution), the flatten is a layer.
                    sample = flatten.flattensTo();
                    return Match.layer(flatten.nodes(), flatten.output(), new Flatten());
                }
                if (flatten != null && sample.length > 1) {
                    sample = flatten.flattensTo();
                    modelInput = sample;
                }
                return flatten != null ? flatten : shaped(ImagePatterns.reshape(graph, node, value, sample));
            }
            case "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "Pad" -> {
                if (Arrays.stream(sample).anyMatch(d -> d <= 0)) {
                    throw graph.fail("node " + GraphIndex.describe(node) + ": expected an input of known size, got [N, "
                            + Arrays.toString(sample).replaceAll("[\\[\\]]", "") + "]");
                }
                Match image = ImagePatterns.find(graph, node, value, sample);
                return image == null || image.layer() == null ? image : shaped(image);
            }
            case "Identity" -> {
                return Match.passThrough(node);
            }
            case "Dropout" -> {
                return dropout(node);
            }
            default -> {
                Module activation = activation(node);
                return activation == null ? null : Match.layer(List.of(node), node.getOutput(0), activation);
            }
        }
    }

    /** {@code match}, after which the sample shape is what its layer gives for the current one. */
    private Match shaped(Match match) throws OnnxFormatException {
        if (match == null) {
            return null;
        }
        int[] batchOfOne = new int[sample.length + 1];
        batchOfOne[0] = 1;
        System.arraycopy(sample, 0, batchOfOne, 1, sample.length);
        try {
            int[] out = match.layer().outputShape(Shape.of(batchOfOne)).dims();
            sample = Arrays.copyOfRange(out, 1, out.length);
        } catch (IllegalArgumentException e) {
            throw graph.fail("node " + GraphIndex.describe(match.nodes().get(0)) + ": " + e.getMessage());
        }
        return match;
    }

    /** Dropout does nothing in inference; a mask output that something reads is refused. */
    private Match dropout(NodeProto node) throws OnnxFormatException {
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty() && graph.scalar(node.getInput(2)) != 0) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected training_mode false, got '"
                    + node.getInput(2) + "'");
        }
        return Match.passThrough(node);
    }

    /** The activation a single node computes, with its attributes, or null when it is not one. */
    private Module activation(NodeProto node) throws OnnxFormatException {
        return switch (node.getOpType()) {
            case "Relu" -> new ReLU();
            case "Tanh" -> new Tanh();
            case "Sigmoid" -> new Sigmoid();
            case "Softplus" -> new Softplus();
            case "LeakyRelu" -> new LeakyReLU(checked(node, "alpha", GraphIndex.floatAttribute(node, "alpha", 0.01f)));
            case "Elu" -> new ELU(checked(node, "alpha", GraphIndex.floatAttribute(node, "alpha", 1f)));
            case "Softmax" -> new Softmax(Math.toIntExact(Math.max(-64, Math.min(64,
                    GraphIndex.intAttribute(node, "axis", -1)))));
            case "Gelu" -> gelu(node);
            default -> null;
        };
    }

    private GELU gelu(NodeProto node) throws OnnxFormatException {
        AttributeProto approximate = GraphIndex.attribute(node, "approximate");
        String form = approximate == null ? "none" : approximate.getS().toStringUtf8();
        if (!form.equals("none") && !form.equals("tanh")) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected approximate 'none' or 'tanh', got '"
                    + form + "'");
        }
        return new GELU(form.equals("tanh") ? GELU.Approximation.TANH : GELU.Approximation.NONE);
    }

    private float checked(NodeProto node, String name, float value) throws OnnxFormatException {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected " + name + " finite and >= 0, got "
                    + value);
        }
        return value;
    }

    /**
     * Marks the match's nodes as taken after checking that it is a piece of a chain: it reads every
     * reader of {@code value}, nothing outside it reads its inner values, and it takes no node twice.
     */
    private void take(String value, Match match) throws OnnxFormatException {
        for (NodeProto reader : graph.consumers(value)) {
            if (!match.nodes().contains(reader)) {
                throw graph.fail("value '" + value + "' is read by node " + GraphIndex.describe(reader) + " and by "
                        + GraphIndex.describe(match.nodes().get(0)) + ": not a chain (graphs with branches are not "
                        + "supported)");
            }
        }
        for (NodeProto node : match.nodes()) {
            if (!taken.add(node)) {
                throw graph.fail("node " + GraphIndex.describe(node) + " is used twice: not a chain");
            }
            for (String inner : node.getOutputList()) {
                if (inner.equals(match.output()) || inner.isEmpty()) {
                    continue;
                }
                for (NodeProto reader : graph.consumers(inner)) {
                    if (!match.nodes().contains(reader)) {
                        throw graph.fail("value '" + inner + "' of node " + GraphIndex.describe(node)
                                + " is also read by " + GraphIndex.describe(reader) + ": not a chain");
                    }
                }
                if (outputs.contains(inner)) {
                    throw graph.fail("value '" + inner + "' is a graph output inside a layer: not a chain");
                }
            }
        }
    }
}
