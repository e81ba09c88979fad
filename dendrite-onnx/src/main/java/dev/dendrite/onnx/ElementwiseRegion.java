package dev.dendrite.onnx;

import dev.dendrite.nn.activation.Activation;
import dev.dendrite.nn.activation.Activations;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises an activation that an exporter wrote out as primitive element-wise operators
 * (GELU as Div, Erf, Add, Mul, Mul; its tanh form; SiLU as Sigmoid then Mul; a step as
 * GreaterOrEqual then Cast) by what it computes rather than by how it is spelled: exporters order
 * and group the same formula differently ({@code x * 0.5 * (1 + erf(x / sqrt 2))} or
 * {@code x * (erf(x * 0.7071) + 1) * 0.5}).
 *
 * <p>The region grows from the input value one node at a time, in file order, through
 * element-wise operators whose other operands are scalar constants. Whenever it is closed (all its
 * values are read only inside it, but one), that one value is evaluated on a grid of probe inputs
 * and compared with every element-wise activation Dendrite has; the first that agrees everywhere
 * is the layer. Stateless.
 */
final class ElementwiseRegion {
    /** Regions larger than this are not searched: the longest known form (GELU tanh) has 9 nodes. */
    private static final int MAX_NODES = 16;
    private static final double TOLERANCE = 2e-5;
    private static final double[] PROBES = probes();
    /** Operators whose output is boolean: a region cannot end on one (a Cast to float follows). */
    private static final Set<String> COMPARISONS = Set.of("GreaterOrEqual", "Greater", "Less", "LessOrEqual");
    private static final Set<String> OPERATORS = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Neg", "Abs", "Exp",
            "Log", "Sqrt", "Reciprocal", "Erf", "Tanh", "Sigmoid", "Relu", "Softplus", "Identity", "Cast",
            "GreaterOrEqual", "Greater", "Less", "LessOrEqual");

    private ElementwiseRegion() {
    }

    /** The activation that the nodes after {@code input} compute, or null when none is found. */
    static Match find(GraphIndex graph, String input, Set<NodeProto> taken, Set<String> graphOutputs)
            throws OnnxFormatException {
        Set<NodeProto> region = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>(List.of(input));
        for (int size = 0; size < MAX_NODES; size++) {
            NodeProto next = nextNode(graph, values, region, taken);
            if (next == null) {
                return null;
            }
            region.add(next);
            values.add(next.getOutput(0));
            String exit = exit(graph, values, region, graphOutputs);
            if (exit != null && !exit.equals(input) && !COMPARISONS.contains(graph.producer(exit).getOpType())) {
                double[] computed = evaluate(graph, input, region, exit);
                ElementwiseActivation activation = computed == null ? null : identify(computed);
                if (activation != null) {
                    return Match.layer(new ArrayList<>(region), exit, activation);
                }
            }
        }
        return null;
    }

    /** The first node in file order that reads only region values and scalar constants. */
    private static NodeProto nextNode(GraphIndex graph, Set<String> values, Set<NodeProto> region,
            Set<NodeProto> taken) throws OnnxFormatException {
        for (NodeProto node : graph.nodes()) {
            if (region.contains(node) || taken.contains(node) || !OPERATORS.contains(node.getOpType())
                    || !node.getDomain().isEmpty() || node.getOutputCount() != 1) {
                continue;
            }
            boolean readsRegion = false;
            boolean onlyKnown = true;
            for (String operand : node.getInputList()) {
                if (values.contains(operand)) {
                    readsRegion = true;
                } else if (Double.isNaN(graph.scalar(operand))) {
                    onlyKnown = false;
                }
            }
            if (readsRegion && onlyKnown) {
                return node;
            }
        }
        return null;
    }

    /** The one region value read outside the region (or a graph output), or null if not exactly one. */
    private static String exit(GraphIndex graph, Set<String> values, Set<NodeProto> region, Set<String> graphOutputs) {
        String exit = null;
        for (String value : values) {
            boolean leaves = graphOutputs.contains(value)
                    || graph.consumers(value).stream().anyMatch(node -> !region.contains(node));
            if (leaves) {
                if (exit != null) {
                    return null;
                }
                exit = value;
            }
        }
        return exit;
    }

    /** The region's {@code exit} value at every probe input, or null if an operator cannot be evaluated. */
    private static double[] evaluate(GraphIndex graph, String input, Set<NodeProto> region, String exit)
            throws OnnxFormatException {
        Map<String, double[]> values = new HashMap<>();
        values.put(input, PROBES);
        for (NodeProto node : region) {
            List<double[]> operands = new ArrayList<>();
            for (String name : node.getInputList()) {
                double[] known = values.get(name);
                operands.add(known != null ? known : constant(graph.scalar(name)));
            }
            double[] result = new double[PROBES.length];
            for (int i = 0; i < result.length; i++) {
                double a = operands.get(0)[i];
                double b = operands.size() > 1 ? operands.get(1)[i] : Double.NaN;
                result[i] = apply(node, a, b);
            }
            values.put(node.getOutput(0), result);
        }
        return values.get(exit);
    }

    private static double apply(NodeProto node, double a, double b) {
        return switch (node.getOpType()) {
            case "Add" -> a + b;
            case "Sub" -> a - b;
            case "Mul" -> a * b;
            case "Div" -> a / b;
            case "Pow" -> Math.pow(a, b);
            case "Neg" -> -a;
            case "Abs" -> Math.abs(a);
            case "Exp" -> Math.exp(a);
            case "Log" -> Math.log(a);
            case "Sqrt" -> Math.sqrt(a);
            case "Reciprocal" -> 1 / a;
            case "Erf" -> erf(a);
            case "Tanh" -> Math.tanh(a);
            case "Sigmoid" -> 1 / (1 + Math.exp(-a));
            case "Relu" -> Math.max(a, 0);
            case "Softplus" -> Math.log1p(Math.exp(-Math.abs(a))) + Math.max(a, 0);
            case "Identity" -> a;
            case "Cast" -> GraphIndex.intAttribute(node, "to", 0) == TensorProto.DataType.FLOAT_VALUE ? a : Double.NaN;
            case "GreaterOrEqual" -> a >= b ? 1 : 0;
            case "Greater" -> a > b ? 1 : 0;
            case "Less" -> a < b ? 1 : 0;
            case "LessOrEqual" -> a <= b ? 1 : 0;
            default -> Double.NaN;
        };
    }

    /** The first of Dendrite's element-wise activations (default settings) that gives {@code computed}. */
    private static ElementwiseActivation identify(double[] computed) {
        List<Activation> candidates = new ArrayList<>();
        for (String name : Activations.names()) {
            candidates.add(Activations.byName(name));
        }
        candidates.add(new GELU(GELU.Approximation.TANH));
        for (Activation candidate : candidates) {
            if (candidate instanceof ElementwiseActivation activation && agrees(activation, computed)) {
                return activation;
            }
        }
        return null;
    }

    private static boolean agrees(ElementwiseActivation activation, double[] computed) {
        for (int i = 0; i < PROBES.length; i++) {
            double expected = activation.value((float) PROBES[i]);
            if (!(Math.abs(expected - computed[i]) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
                return false;
            }
        }
        return true;
    }

    /** -8 to 8 in steps of 1/8, zero included, so a step at 0 and the tails are both seen. */
    private static double[] probes() {
        double[] probes = new double[129];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = -8 + i / 8.0;
        }
        return probes;
    }

    private static double[] constant(double value) {
        double[] values = new double[PROBES.length];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** erf with relative error below 1.2e-7 (Numerical Recipes' Chebyshev-fitted erfc). */
    static double erf(double z) {
        double a = Math.abs(z);
        double t = 1.0 / (1.0 + 0.5 * a);
        double polynomial = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(-a * a + polynomial);
        return z >= 0 ? 1 - erfc : erfc - 1;
    }
}
