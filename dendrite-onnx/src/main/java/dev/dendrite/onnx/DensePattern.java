package dev.dendrite.onnx;

import dev.dendrite.nn.Dense;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A fully connected layer in the forms exporters write: {@code Gemm(x, W, b)} with W as
 * {@code [in, out]} (transB = 0, as Dendrite writes it) or {@code [out, in]} (transB = 1, PyTorch's
 * {@code Linear.weight}), and {@code MatMul(x, W)} optionally followed by {@code Add(·, b)}. The
 * weight and bias must be constants whose shapes agree with the layer's input; a weight stored as
 * {@code [in, out]} is used bit for bit. Stateless.
 */
final class DensePattern {
    private DensePattern() {
    }

    /** The Dense layer {@code node} starts for an input of {@code inFeatures} per sample (-1: not known), or null. */
    static Match find(GraphIndex graph, NodeProto node, String input, int inFeatures) throws OnnxFormatException {
        if (node.getOpType().equals("Gemm")) {
            return gemm(graph, node, input, inFeatures);
        }
        if (node.getOpType().equals("MatMul") && node.getInputCount() == 2 && node.getInput(0).equals(input)) {
            return matMul(graph, node, inFeatures);
        }
        return null;
    }

    private static Match gemm(GraphIndex graph, NodeProto node, String input, int inFeatures)
            throws OnnxFormatException {
        if (node.getInputCount() < 2 || !node.getInput(0).equals(input)
                || GraphIndex.intAttribute(node, "transA", 0) != 0) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected Gemm(input, weight, bias) with "
                    + "transA = 0, got inputs " + node.getInputList() + " and transA = "
                    + GraphIndex.intAttribute(node, "transA", 0));
        }
        boolean transposed = GraphIndex.intAttribute(node, "transB", 0) != 0;
        TensorData weight = matrix(graph, node, node.getInput(1));
        int rows = (int) weight.dims()[0];
        int columns = (int) weight.dims()[1];
        int in = transposed ? columns : rows;
        int out = transposed ? rows : columns;
        checkInput(graph, node, weight, in, inFeatures);
        float[] values = transposed ? transpose(weight.floats(), rows, columns) : weight.floats();
        float alpha = GraphIndex.floatAttribute(node, "alpha", 1f);
        float beta = GraphIndex.floatAttribute(node, "beta", 1f);
        float[] bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                ? bias(graph, node, node.getInput(2), out) : new float[out];
        Tensor weightTensor = Tensor.wrap(scaled(values, alpha).clone(), in, out);
        Dense dense = new Dense(weightTensor, Tensor.wrap(scaled(bias, beta).clone(), out));
        return Match.layer(List.of(node), node.getOutput(0), dense);
    }

    private static Match matMul(GraphIndex graph, NodeProto node, int inFeatures) throws OnnxFormatException {
        TensorData weight = matrix(graph, node, node.getInput(1));
        int in = (int) weight.dims()[0];
        int out = (int) weight.dims()[1];
        checkInput(graph, node, weight, in, inFeatures);
        String product = node.getOutput(0);
        List<NodeProto> readers = graph.consumers(product);
        if (readers.size() == 1 && readers.get(0).getOpType().equals("Add") && readers.get(0).getInputCount() == 2) {
            NodeProto add = readers.get(0);
            String other = add.getInput(0).equals(product) ? add.getInput(1) : add.getInput(0);
            if (graph.isConstant(other)) {
                float[] bias = bias(graph, add, other, out).clone();
                Dense dense = new Dense(Tensor.wrap(weight.floats().clone(), in, out), Tensor.wrap(bias, out));
                return Match.layer(List.of(node, add), add.getOutput(0), dense);
            }
        }
        return Match.layer(List.of(node), product, new Dense(Tensor.wrap(weight.floats().clone(), in, out),
                Tensor.zeros(out)));
    }

    /** A constant float matrix named {@code value}. */
    private static TensorData matrix(GraphIndex graph, NodeProto node, String value) throws OnnxFormatException {
        TensorData weight = graph.constant(value);
        if (weight == null || weight.floats() == null || weight.dims().length != 2 || weight.size() == 0) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected a constant float weight matrix '" + value
                    + "', got " + (weight == null ? "a computed value" : describe(weight)));
        }
        return weight;
    }

    private static void checkInput(GraphIndex graph, NodeProto node, TensorData weight, int in, int inFeatures)
            throws OnnxFormatException {
        if (inFeatures >= 0 && in != inFeatures) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": weight '" + node.getInput(1) + "' has shape "
                    + Arrays.toString(weight.dims()) + ", which takes " + in + " features, but its input has "
                    + inFeatures);
        }
    }

    /** A constant float bias of {@code out} values, shaped {@code [out]}, {@code [1, out]} or a broadcast scalar. */
    private static float[] bias(GraphIndex graph, NodeProto node, String value, int out) throws OnnxFormatException {
        TensorData bias = graph.constant(value);
        boolean vector = bias != null && bias.floats() != null && (bias.size() == out || bias.size() == 1)
                && bias.dims().length <= 2 && (bias.dims().length < 2 || bias.dims()[0] == 1);
        if (!vector) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": expected a constant float bias '" + value
                    + "' of shape [" + out + "], got " + (bias == null ? "a computed value" : describe(bias)));
        }
        if (bias.size() == out) {
            return bias.floats();
        }
        float[] filled = new float[out];
        Arrays.fill(filled, bias.floats()[0]);
        return filled;
    }

    private static float[] transpose(float[] values, int rows, int columns) {
        float[] result = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                result[c * rows + r] = values[r * columns + c];
            }
        }
        return result;
    }

    /** The values times {@code factor}; the same array when the factor is 1, so the bits are kept. */
    private static float[] scaled(float[] values, float factor) {
        if (factor == 1f) {
            return values;
        }
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }

    private static String describe(TensorData data) {
        return (data.floats() != null ? "FLOAT " : "INT64 ") + Arrays.toString(data.dims());
    }
}
