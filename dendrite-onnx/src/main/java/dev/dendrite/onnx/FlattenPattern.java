package dev.dendrite.onnx;

import dev.dendrite.onnx.proto.Onnx.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flatten of each sample to one row, {@code [N, d1, d2, ...] -> [N, d1*d2*...]}, in the forms
 * exporters write: a Flatten node with axis 1, a Reshape to a constant shape, or a Reshape whose
 * shape is computed from the input's own Shape (Shape, Gather, Unsqueeze, Concat, as PyTorch
 * writes {@code x.view(x.size(0), -1)}). A computed shape is evaluated for two batch sizes and
 * must flatten both; anything else is not this pattern. Stateless.
 */
final class FlattenPattern {
    private static final Set<String> SHAPE_OPERATORS = Set.of("Shape", "Gather", "Unsqueeze", "Squeeze", "Concat",
            "Slice", "Cast", "Identity");

    private FlattenPattern() {
    }

    /**
     * The flatten that {@code node} (a consumer of {@code input}) starts, or null when it is not one.
     *
     * @param sample the per-sample shape of {@code input}; every size must be known
     */
    static Match find(GraphIndex graph, NodeProto node, String input, int[] sample) throws OnnxFormatException {
        long features = 1;
        for (int size : sample) {
            if (size < 0) {
                return null;
            }
            features *= size;
            if (features > Integer.MAX_VALUE - 8) {
                return null;
            }
        }
        int[] flat = {(int) features};
        if (node.getOpType().equals("Flatten") && node.getInput(0).equals(input)) {
            long axis = GraphIndex.intAttribute(node, "axis", 1);
            boolean toRows = axis == 1 || axis == 1 - (sample.length + 1L);
            return toRows ? new Match(List.of(node), node.getOutput(0), null, flat) : null;
        }
        if (!node.getOpType().equals("Reshape") || node.getInputCount() != 2 || !node.getInput(0).equals(input)) {
            return null;
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (int batch : new int[] {2, 3}) {
            nodes.clear();
            long[] target = shapeValue(graph, node.getInput(1), input, batch, sample, nodes);
            if (target == null || !Arrays.equals(resolve(target, batch, sample, node), new long[] {batch, features})) {
                return null;
            }
        }
        nodes.add(node);
        return new Match(nodes, node.getOutput(0), null, flat);
    }

    /** The target shape for an input of {@code [batch, ...sample]}; the nodes that compute it go into {@code nodes}. */
    private static long[] shapeValue(GraphIndex graph, String value, String input, int batch, int[] sample,
            List<NodeProto> nodes) throws OnnxFormatException {
        TensorData constant = graph.constant(value);
        if (constant != null) {
            return constant.longs();
        }
        List<NodeProto> order = ancestors(graph, value, input);
        if (order == null) {
            return null;
        }
        Map<String, long[]> values = new HashMap<>();
        long[] full = new long[sample.length + 1];
        full[0] = batch;
        for (int i = 0; i < sample.length; i++) {
            full[i + 1] = sample[i];
        }
        for (NodeProto node : order) {
            long[] result = ShapeArithmetic.apply(graph, node, values, full);
            if (result == null) {
                return null;
            }
            values.put(node.getOutput(0), result);
        }
        nodes.addAll(order);
        return values.get(value);
    }

    /**
     * The nodes, in file order, that {@code value} is computed from, given that the only
     * non-constant source is {@code Shape(input)}; null when it depends on anything else.
     */
    private static List<NodeProto> ancestors(GraphIndex graph, String value, String input) {
        Set<NodeProto> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(value));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (graph.isConstant(next)) {
                continue;
            }
            NodeProto producer = graph.producer(next);
            if (producer == null || !SHAPE_OPERATORS.contains(producer.getOpType()) || found.size() > 32) {
                return null;
            }
            if (found.add(producer)) {
                if (producer.getOpType().equals("Shape")) {
                    if (!producer.getInput(0).equals(input)) {
                        return null;
                    }
                } else {
                    pending.addAll(producer.getInputList());
                }
            }
        }
        return graph.nodes().stream().filter(found::contains).toList();
    }

    /** Reshape's target with 0 (copy, unless allowzero) and one -1 (infer) resolved; null if impossible. */
    static long[] resolve(long[] target, int batch, int[] sample, NodeProto reshape) {
        long total = batch;
        for (int size : sample) {
            total *= size;
        }
        boolean allowZero = GraphIndex.intAttribute(reshape, "allowzero", 0) != 0;
        long[] dims = target.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0 && !allowZero) {
                dims[i] = i == 0 ? batch : i <= sample.length ? sample[i - 1] : -2;
            }
            if (dims[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (dims[i] < 0) {
                return null;
            } else {
                known *= dims[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || total % known != 0) {
                return null;
            }
            dims[inferred] = total / known;
        }
        return dims;
    }
}
