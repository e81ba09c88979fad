package dev.dendrite.onnx;

import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.onnx.proto.Onnx.GraphProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who writes and who reads each value of an ONNX graph, and which values are constants
 * (initializers and Constant nodes). Constants are decoded on first use and kept.
 *
 * <p>Mutable (the decoded-constant cache); one index serves one import.
 */
final class GraphIndex {
    private final String file;
    private final List<NodeProto> nodes;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> constantProtos = new HashMap<>();
    private final Map<String, String> constantOrigins = new HashMap<>();
    private final Map<String, TensorData> decoded = new HashMap<>();

    GraphIndex(String file, GraphProto graph) throws OnnxFormatException {
        this.file = file;
        this.nodes = graph.getNodeList();
        for (TensorProto initializer : graph.getInitializerList()) {
            constantProtos.put(initializer.getName(), initializer);
            constantOrigins.put(initializer.getName(), "initializer '" + initializer.getName() + "'");
        }
        for (NodeProto node : nodes) {
            for (String output : node.getOutputList()) {
                if (!output.isEmpty() && (producers.put(output, node) != null || constantProtos.containsKey(output))) {
                    throw fail("value '" + output + "' is written twice (node " + describe(node) + ")");
                }
            }
            for (String input : node.getInputList()) {
                if (!input.isEmpty()) {
                    consumers.computeIfAbsent(input, key -> new ArrayList<>()).add(node);
                }
            }
            if (node.getOpType().equals("Constant") && node.getDomain().isEmpty()) {
                addConstantNode(node);
            }
        }
    }

    /** The nodes in file order (ONNX requires topological order). */
    List<NodeProto> nodes() {
        return nodes;
    }

    /** The node that writes {@code value}, or null for graph inputs and initializers. */
    NodeProto producer(String value) {
        return producers.get(value);
    }

    /** The nodes that read {@code value}, in file order (empty if none). */
    List<NodeProto> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** Whether {@code value} is an initializer or a Constant node's output. */
    boolean isConstant(String value) {
        return constantProtos.containsKey(value);
    }

    /** The decoded constant {@code value}, or null when it is not a constant. */
    TensorData constant(String value) throws OnnxFormatException {
        TensorData data = decoded.get(value);
        if (data == null && constantProtos.containsKey(value)) {
            data = TensorData.decode(constantProtos.get(value), file + ": " + constantOrigins.get(value));
            decoded.put(value, data);
        }
        return data;
    }

    /** The one value of a constant with one element, or NaN if {@code value} is not such a constant. */
    double scalar(String value) throws OnnxFormatException {
        TensorData data = constant(value);
        return data == null ? Double.NaN : data.scalar();
    }

    /** An error for this file: {@code "<file>: <message>"}. */
    OnnxFormatException fail(String message) {
        return new OnnxFormatException(file + ": " + message);
    }

    /** {@code 'name' (OpType)}, the way messages name a node. */
    static String describe(NodeProto node) {
        String domain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx") ? "" : node.getDomain() + ".";
        return "'" + node.getName() + "' (" + domain + node.getOpType() + ")";
    }

    /** An attribute of {@code node}, or null when absent. */
    static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    /** An integer attribute's value, or {@code fallback} when absent. */
    static long intAttribute(NodeProto node, String name, long fallback) {
        AttributeProto attribute = attribute(node, name);
        return attribute == null ? fallback : attribute.getI();
    }

    /** A float attribute's value, or {@code fallback} when absent. */
    static float floatAttribute(NodeProto node, String name, float fallback) {
        AttributeProto attribute = attribute(node, name);
        return attribute == null ? fallback : attribute.getF();
    }

    /** A Constant node's value, given as a tensor or as one of the float and int shorthands. */
    private void addConstantNode(NodeProto node) throws OnnxFormatException {
        if (node.getOutputCount() != 1 || node.getAttributeCount() != 1) {
            throw fail("node " + describe(node) + ": expected one output and one value attribute, got "
                    + node.getOutputCount() + " outputs and " + node.getAttributeCount() + " attributes");
        }
        AttributeProto value = node.getAttribute(0);
        TensorProto.Builder tensor = TensorProto.newBuilder();
        switch (value.getName()) {
            case "value" -> tensor.mergeFrom(value.getT());
            case "value_float" -> tensor.setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value.getF());
            case "value_floats" -> tensor.setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addDims(value.getFloatsCount()).addAllFloatData(value.getFloatsList());
            case "value_int" -> tensor.setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(value.getI());
            case "value_ints" -> tensor.setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(value.getIntsCount()).addAllInt64Data(value.getIntsList());
            default -> throw fail("node " + describe(node) + ": expected a Constant with value, value_float(s) or "
                    + "value_int(s), got '" + value.getName() + "'");
        }
        String output = node.getOutput(0);
        constantProtos.put(output, tensor.build());
        constantOrigins.put(output, "Constant node " + describe(node));
    }
}
