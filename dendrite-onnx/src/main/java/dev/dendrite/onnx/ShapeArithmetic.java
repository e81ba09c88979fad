package dev.dendrite.onnx;

import dev.dendrite.onnx.proto.Onnx.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The integer operators exporters use to compute a shape from a tensor's Shape (Shape, Gather,
 * Unsqueeze, Squeeze, Concat, Slice, Cast, Identity), evaluated on one-dimensional vectors. Ranks
 * are not tracked: a scalar and a one-element vector both are {@code [v]}, which is all a shape
 * computation needs. Stateless.
 */
final class ShapeArithmetic {
    private ShapeArithmetic() {
    }

    /**
     * The value {@code node} computes, its inputs taken from {@code values} or the graph's constants;
     * {@code inputShape} is what Shape returns. Null when an operand is missing or out of range.
     */
    static long[] apply(GraphIndex graph, NodeProto node, Map<String, long[]> values, long[] inputShape)
            throws OnnxFormatException {
        List<long[]> operands = new ArrayList<>();
        for (String name : node.getInputList()) {
            long[] value = values.get(name);
            if (value == null && !name.isEmpty()) {
                TensorData constant = graph.constant(name);
                value = constant == null ? null : constant.longs();
            }
            operands.add(value);
        }
        if (operands.isEmpty() || operands.get(0) == null && !node.getOpType().equals("Shape")) {
            return null;
        }
        return switch (node.getOpType()) {
            case "Shape" -> slice(inputShape, GraphIndex.intAttribute(node, "start", 0),
                    GraphIndex.intAttribute(node, "end", inputShape.length));
            case "Gather" -> gather(operands);
            case "Unsqueeze", "Squeeze", "Cast", "Identity" -> operands.get(0);
            case "Concat" -> concat(operands);
            case "Slice" -> operands.size() >= 3 && operands.get(1) != null && operands.get(2) != null
                    && operands.get(1).length == 1 && operands.get(2).length == 1 && operands.size() < 5
                    ? slice(operands.get(0), operands.get(1)[0], operands.get(2)[0]) : null;
            default -> null;
        };
    }

    private static long[] gather(List<long[]> operands) {
        if (operands.size() != 2 || operands.get(1) == null) {
            return null;
        }
        long[] data = operands.get(0);
        long[] indices = operands.get(1);
        long[] result = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            long index = indices[i] < 0 ? indices[i] + data.length : indices[i];
            if (index < 0 || index >= data.length) {
                return null;
            }
            result[i] = data[(int) index];
        }
        return result;
    }

    private static long[] concat(List<long[]> operands) {
        int length = 0;
        for (long[] operand : operands) {
            if (operand == null || operand.length > 64) {
                return null;
            }
            length += operand.length;
        }
        long[] result = new long[length];
        int at = 0;
        for (long[] operand : operands) {
            System.arraycopy(operand, 0, result, at, operand.length);
            at += operand.length;
        }
        return result;
    }

    /** Elements {@code [start, end)} with negative ends counted from the back and both clamped, as ONNX slices. */
    private static long[] slice(long[] data, long start, long end) {
        long from = clamp(start < 0 ? start + data.length : start, data.length);
        long to = clamp(end < 0 ? end + data.length : end, data.length);
        if (to <= from) {
            return new long[0];
        }
        long[] result = new long[(int) (to - from)];
        System.arraycopy(data, (int) from, result, 0, result.length);
        return result;
    }

    private static long clamp(long value, int length) {
        return Math.max(0, Math.min(length, value));
    }
}
