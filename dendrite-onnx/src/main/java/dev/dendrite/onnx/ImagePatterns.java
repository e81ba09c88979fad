package dev.dendrite.onnx;

import dev.dendrite.nn.AvgPool2d;
import dev.dendrite.nn.BatchNorm;
import dev.dendrite.nn.BatchNorm1d;
import dev.dendrite.nn.BatchNorm2d;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.GlobalAvgPool2d;
import dev.dendrite.nn.MaxPool2d;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Reshape;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the image operators (Conv, MaxPool, AveragePool, GlobalAveragePool), BatchNormalization
 * and a Reshape to a constant shape as Dendrite layers. Settings Dendrite's layers do not have
 * (groups, non-square windows, asymmetric padding other than "same", ceil mode, training-mode
 * batch norm) are refused with one line naming the node. Stateless.
 */
final class ImagePatterns {
    private ImagePatterns() {
    }

    /** The layer {@code node} computes on a sample of shape {@code sample}, or null for another operator. */
    static Match find(GraphIndex graph, NodeProto node, String input, int[] sample) throws OnnxFormatException {
        if (node.getInputCount() == 0 || !node.getInput(0).equals(input)) {
            return null;
        }
        return switch (node.getOpType()) {
            case "Conv" -> Match.layer(List.of(node), node.getOutput(0), conv(graph, node));
            case "MaxPool", "AveragePool" -> Match.layer(List.of(node), node.getOutput(0), pool(graph, node));
            case "GlobalAveragePool" -> globalPool(graph, node, sample);
            case "Pad" -> pad(graph, node, sample);
            case "BatchNormalization" -> Match.layer(List.of(node), node.getOutput(0), batchNorm(graph, node, sample));
            default -> null;
        };
    }

    private static Conv2d conv(GraphIndex graph, NodeProto node) throws OnnxFormatException {
        TensorData weight = graph.constant(node.getInputCount() > 1 ? node.getInput(1) : "");
        if (weight == null || weight.floats() == null || weight.dims().length != 4 || weight.size() == 0
                || weight.dims()[2] != weight.dims()[3]) {
            throw fail(graph, node, "a constant float weight [out, in, k, k]", weight == null ? "a computed value"
                    : Arrays.toString(weight.dims()));
        }
        int out = (int) weight.dims()[0];
        if (GraphIndex.intAttribute(node, "group", 1) != 1) {
            throw fail(graph, node, "group 1", GraphIndex.intAttribute(node, "group", 1));
        }
        Tensor bias = null;
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            TensorData b = graph.constant(node.getInput(2));
            if (b == null || b.floats() == null || b.size() != out) {
                throw fail(graph, node, "a constant float bias [" + out + "]", b == null ? "a computed value"
                        : Arrays.toString(b.dims()));
            }
            bias = Tensor.wrap(b.floats().clone(), out);
        }
        int kernel = (int) weight.dims()[2];
        checkKernel(graph, node, kernel);
        int stride = square(graph, node, "strides", 1);
        int dilation = square(graph, node, "dilations", 1);
        int padding = padding(graph, node, dilation * (kernel - 1), stride);
        Tensor w = Tensor.wrap(weight.floats().clone(), Arrays.stream(weight.dims()).mapToInt(d -> (int) d).toArray());
        try {
            return new Conv2d(w, bias, stride, padding, dilation);
        } catch (IllegalArgumentException e) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": " + e.getMessage());
        }
    }

    private static Module pool(GraphIndex graph, NodeProto node) throws OnnxFormatException {
        AttributeProto shape = GraphIndex.attribute(node, "kernel_shape");
        if (shape == null || shape.getIntsCount() != 2 || shape.getInts(0) != shape.getInts(1)) {
            throw fail(graph, node, "a square kernel_shape", shape == null ? "none" : shape.getIntsList());
        }
        int kernel = (int) Math.min(Integer.MAX_VALUE, Math.max(0, shape.getInts(0)));
        checkKernel(graph, node, kernel);
        if (GraphIndex.intAttribute(node, "ceil_mode", 0) != 0 || square(graph, node, "dilations", 1) != 1
                || node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            throw fail(graph, node, "ceil_mode 0, dilations 1 and one output", "other settings");
        }
        int stride = square(graph, node, "strides", 1);
        int padding = padding(graph, node, -1, stride);
        boolean average = node.getOpType().equals("AveragePool");
        if (average && padding > 0 && GraphIndex.intAttribute(node, "count_include_pad", 0) == 0) {
            throw fail(graph, node, "count_include_pad 1 with padding (Dendrite counts padding as zeros)",
                    "count_include_pad 0");
        }
        try {
            return average ? new AvgPool2d(kernel, stride, padding) : new MaxPool2d(kernel, stride, padding);
        } catch (IllegalArgumentException e) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": " + e.getMessage());
        }
    }

    /**
     * A zero Pad of the image sides, as PyTorch writes before an AveragePool: nothing when the pads
     * are 0, else folded into the AveragePool after it (Dendrite's padding counts zeros, as Pad does).
     */
    private static Match pad(GraphIndex graph, NodeProto node, int[] sample) throws OnnxFormatException {
        TensorData pads = node.getInputCount() > 1 ? graph.constant(node.getInput(1)) : null;
        double value = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? graph.scalar(node.getInput(2)) : 0;
        AttributeProto mode = GraphIndex.attribute(node, "mode");
        boolean constant = mode == null || mode.getS().toStringUtf8().equals("constant");
        long[] p = pads == null ? null : pads.longs();
        if (!constant || value != 0 || p == null || p.length != 8 || sample.length != 3 || node.getInputCount() > 3
                || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0 || p[2] != p[3] || p[2] != p[6] || p[2] != p[7]
                || p[2] < 0 || p[2] > 4096) {
            throw fail(graph, node, "a constant zero Pad of [N, C, H, W] equal on every side", "mode "
                    + (mode == null ? "constant" : mode.getS().toStringUtf8()) + ", value " + value + ", pads "
                    + (p == null ? "computed" : Arrays.toString(p)));
        }
        if (p[2] == 0) {
            return Match.passThrough(node);
        }
        List<NodeProto> readers = graph.consumers(node.getOutput(0));
        if (readers.size() != 1 || !readers.get(0).getOpType().equals("AveragePool")) {
            throw fail(graph, node, "a Pad read by one AveragePool", readers.size() + " readers");
        }
        AvgPool2d pool = (AvgPool2d) pool(graph, readers.get(0));
        if (pool.padding() != 0) {
            throw fail(graph, readers.get(0), "no pads after a Pad", "padding " + pool.padding());
        }
        try {
            return Match.layer(List.of(node, readers.get(0)), readers.get(0).getOutput(0),
                    new AvgPool2d(pool.kernel(), pool.stride(), (int) p[2]));
        } catch (IllegalArgumentException e) {
            throw graph.fail("node " + GraphIndex.describe(node) + ": " + e.getMessage());
        }
    }

    /** GlobalAveragePool keeps {@code [N, C, 1, 1]}; a Flatten after it is absorbed, else a Reshape follows. */
    private static Match globalPool(GraphIndex graph, NodeProto node, int[] sample) throws OnnxFormatException {
        List<NodeProto> readers = graph.consumers(node.getOutput(0));
        if (readers.size() == 1 && readers.get(0).getOpType().equals("Flatten")
                && GraphIndex.intAttribute(readers.get(0), "axis", 1) == 1) {
            return Match.layer(List.of(node, readers.get(0)), readers.get(0).getOutput(0), new GlobalAvgPool2d());
        }
        if (sample.length != 3 || sample[0] <= 0) {
            throw fail(graph, node, "an input [N, C, H, W] of known C", Arrays.toString(sample));
        }
        return Match.layer(List.of(node), node.getOutput(0), new Sequential(new GlobalAvgPool2d(),
                new Reshape(sample[0], 1, 1)));
    }

    private static BatchNorm batchNorm(GraphIndex graph, NodeProto node, int[] sample) throws OnnxFormatException {
        if (node.getInputCount() != 5 || GraphIndex.intAttribute(node, "training_mode", 0) != 0
                || node.getOutputCount() > 1 && node.getOutputList().subList(1, node.getOutputCount()).stream()
                .anyMatch(o -> !o.isEmpty())) {
            throw fail(graph, node, "inference BatchNormalization(X, scale, B, mean, var) with one output",
                    node.getInputCount() + " inputs, " + node.getOutputCount() + " outputs");
        }
        float[][] values = new float[4][];
        int channels = -1;
        for (int i = 0; i < 4; i++) {
            TensorData data = graph.constant(node.getInput(i + 1));
            if (data == null || data.floats() == null || data.dims().length != 1 || data.size() == 0
                    || (channels >= 0 && data.size() != channels)) {
                throw fail(graph, node, "constant float vectors of one length for scale, B, mean and var",
                        "'" + node.getInput(i + 1) + "' " + (data == null ? "computed" : Arrays.toString(data.dims())));
            }
            channels = (int) data.size();
            values[i] = data.floats();
        }
        float eps = GraphIndex.floatAttribute(node, "epsilon", 1e-5f);
        float momentum = momentum(GraphIndex.floatAttribute(node, "momentum", 0.9f));
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw fail(graph, node, "epsilon > 0 and momentum in [0, 1]", eps + ", " + (1 - momentum));
        }
        BatchNorm layer = sample.length == 3 ? new BatchNorm2d(channels, eps, momentum)
                : new BatchNorm1d(channels, eps, momentum);
        Tensor[] targets = {layer.weight(), layer.bias(), layer.runningMean(), layer.runningVar()};
        for (int i = 0; i < 4; i++) {
            System.arraycopy(values[i], 0, targets[i].data(), 0, channels);
        }
        layer.eval();
        return layer;
    }

    /**
     * Dendrite's momentum for ONNX's {@code onnx = 1 - momentum} (ONNX weighs the running value): the
     * shortest decimal that exports to the same float, so 0.1 comes back as 0.1 and not 0.100000024.
     */
    static float momentum(float onnx) {
        float exact = (float) (1.0 - onnx);
        for (int digits = 1; digits <= 9; digits++) {
            float candidate = Float.parseFloat(String.format(java.util.Locale.ROOT, "%." + digits + "g", 1.0 - onnx));
            if (ImageConverters.onnxMomentum(candidate) == onnx) {
                return candidate;
            }
        }
        return exact;
    }

    /**
     * A Reshape of {@code input} to a constant shape that keeps the batch ({@code [0 or -1, ...]}) as a
     * Reshape layer to the resolved per-sample shape, or null when the node is not one.
     */
    static Match reshape(GraphIndex graph, NodeProto node, String input, int[] sample) throws OnnxFormatException {
        if (!node.getOpType().equals("Reshape") || node.getInputCount() != 2 || !node.getInput(0).equals(input)
                || Arrays.stream(sample).anyMatch(d -> d <= 0)) {
            return null;
        }
        TensorData target = graph.constant(node.getInput(1));
        if (target == null || target.longs() == null || target.dims().length != 1 || target.size() < 2) {
            return null;
        }
        int[] resolved = null;
        for (int batch : new int[] {2, 3}) {
            long[] dims = FlattenPattern.resolve(target.longs(), batch, sample, node);
            if (dims == null || dims[0] != batch || Arrays.stream(dims).anyMatch(d -> d <= 0 || d > Integer.MAX_VALUE)) {
                return null;
            }
            resolved = Arrays.stream(dims).skip(1).mapToInt(d -> (int) d).toArray();
        }
        return Match.layer(List.of(node), node.getOutput(0), new Reshape(resolved));
    }

    private static void checkKernel(GraphIndex graph, NodeProto node, int kernel) throws OnnxFormatException {
        AttributeProto shape = GraphIndex.attribute(node, "kernel_shape");
        if (kernel <= 0 || kernel > 4096 || shape != null && (shape.getIntsCount() != 2 || shape.getInts(0) != kernel
                || shape.getInts(1) != kernel)) {
            throw fail(graph, node, "a square kernel matching the weight", shape == null ? kernel
                    : shape.getIntsList());
        }
    }

    /** An attribute of two equal sizes (strides, dilations), or {@code fallback} when absent. */
    private static int square(GraphIndex graph, NodeProto node, String name, int fallback) throws OnnxFormatException {
        AttributeProto attribute = GraphIndex.attribute(node, name);
        if (attribute == null) {
            return fallback;
        }
        if (attribute.getIntsCount() != 2 || attribute.getInts(0) != attribute.getInts(1) || attribute.getInts(0) < 1
                || attribute.getInts(0) > 4096) {
            throw fail(graph, node, name + " of two equal sizes >= 1", attribute.getIntsList());
        }
        return (int) attribute.getInts(0);
    }

    /**
     * The padding on every side, or -1 ("same") for Conv pads {@code [b, b, a, a]} with {@code b + a}
     * the window's extent minus 1 and the extra pixel at the end (also {@code auto_pad SAME_UPPER}).
     */
    private static int padding(GraphIndex graph, NodeProto node, int extent, int stride) throws OnnxFormatException {
        AttributeProto autoPad = GraphIndex.attribute(node, "auto_pad");
        String mode = autoPad == null ? "NOTSET" : autoPad.getS().toStringUtf8();
        if (mode.equals("VALID")) {
            return 0;
        }
        if (mode.equals("SAME_UPPER") && extent >= 0 && stride == 1) {
            return extent % 2 == 0 ? extent / 2 : -1;
        }
        AttributeProto pads = GraphIndex.attribute(node, "pads");
        if (!mode.equals("NOTSET") || pads != null && pads.getIntsCount() != 4) {
            throw fail(graph, node, "auto_pad NOTSET or VALID and four pads", mode + ", " + (pads == null ? "none"
                    : pads.getIntsList()));
        }
        if (pads == null) {
            return 0;
        }
        List<Long> p = pads.getIntsList();
        if (p.get(0).equals(p.get(1)) && p.get(2).equals(p.get(3)) && p.get(0).equals(p.get(2)) && p.get(0) >= 0
                && p.get(0) <= 4096) {
            return (int) (long) p.get(0);
        }
        boolean same = extent >= 0 && stride == 1 && p.get(0).equals(p.get(1)) && p.get(2).equals(p.get(3))
                && p.get(0) == extent / 2 && p.get(2) == extent - extent / 2;
        if (same) {
            return -1;
        }
        throw fail(graph, node, "equal pads on every side (or \"same\" padding)", p);
    }

    private static OnnxFormatException fail(GraphIndex graph, NodeProto node, String expected, Object got) {
        return graph.fail("node " + GraphIndex.describe(node) + ": expected " + expected + ", got " + got);
    }
}
