package dev.dendrite.onnx;

import dev.dendrite.data.MinMaxScaler;
import dev.dendrite.data.Normalizer;
import dev.dendrite.data.Standardizer;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Normalizer} baked into an exported graph as {@code Div(Sub(input, offset), scale)}, so
 * that the ONNX model takes raw features as Dendrite's command line reads them, and read back from
 * such a graph on import. A zero scale (a constant column) is written as 1, as the normaliser
 * treats it. Stateless.
 */
final class Preprocessing {
    private Preprocessing() {
    }

    /** Adds the normalisation of {@code input} (per-sample shape {@code sample}); returns the normalised value. */
    static String write(Normalizer normalizer, String input, int[] sample, GraphBuilder graph) {
        int features = 1;
        for (int dim : sample) {
            features *= dim;
        }
        Validate.argument(normalizer.featureCount() == features, "onnx export",
                "a normaliser fitted on " + features + " features per sample", normalizer.featureCount());
        float[][] affine = affine(normalizer);
        String shift = graph.initializer("preprocessing.offset", Tensor.wrap(affine[0], sample));
        String divisor = graph.initializer("preprocessing.scale", Tensor.wrap(affine[1], sample));
        String centred = graph.node("Sub", "preprocessing", new String[] {input, shift});
        return graph.node("Div", "preprocessing", new String[] {centred, divisor});
    }

    /** The offsets and scales, as float32, that the graph holds for {@code normalizer} (a zero scale as 1). */
    static float[][] affine(Normalizer normalizer) {
        int features = normalizer.featureCount();
        double[] offset;
        double[] scale;
        if (normalizer instanceof Standardizer standard) {
            offset = standard.mean();
            scale = standard.standardDeviation();
        } else {
            MinMaxScaler minMax = (MinMaxScaler) normalizer;
            offset = minMax.min();
            scale = minMax.max().clone();
            for (int j = 0; j < scale.length; j++) {
                scale[j] -= offset[j];
            }
        }
        float[] offsets = new float[features];
        float[] scales = new float[features];
        for (int j = 0; j < features; j++) {
            offsets[j] = (float) offset[j];
            scales[j] = scale[j] == 0 ? 1f : (float) scale[j];
        }
        return new float[][] {offsets, scales};
    }

    /**
     * The normaliser that {@code Div(Sub(input, offset), scale)} at the start of an imported graph
     * applies, or null when the graph does not start so; the two nodes go into {@code nodes}. The
     * normaliser recorded in the metadata is returned when the graph holds exactly its values (a
     * min-max scaler stays one); otherwise a standardizer with mean = offset and std = scale.
     */
    static Normalizer read(GraphIndex graph, String input, String recorded, List<NodeProto> nodes)
            throws OnnxFormatException {
        List<NodeProto> readers = graph.consumers(input);
        if (readers.size() != 1 || !readers.get(0).getOpType().equals("Sub") || readers.get(0).getInputCount() != 2
                || !readers.get(0).getInput(0).equals(input)) {
            return null;
        }
        NodeProto sub = readers.get(0);
        List<NodeProto> next = graph.consumers(sub.getOutput(0));
        if (next.size() != 1 || !next.get(0).getOpType().equals("Div") || next.get(0).getInputCount() != 2
                || !next.get(0).getInput(0).equals(sub.getOutput(0))) {
            return null;
        }
        TensorData offset = graph.constant(sub.getInput(1));
        TensorData scale = graph.constant(next.get(0).getInput(1));
        if (offset == null || scale == null || offset.floats() == null || scale.floats() == null
                || offset.size() != scale.size() || offset.size() == 0) {
            return null;
        }
        for (int j = 0; j < scale.size(); j++) {
            if (!(scale.floats()[j] > 0) || !Float.isFinite(scale.floats()[j]) || !Float.isFinite(offset.floats()[j])) {
                return null;
            }
        }
        nodes.add(sub);
        nodes.add(next.get(0));
        Normalizer normalizer = recorded == null ? null : parse(recorded);
        if (normalizer != null && normalizer.featureCount() == offset.size()) {
            float[][] affine = affine(normalizer);
            if (Arrays.equals(affine[0], offset.floats()) && Arrays.equals(affine[1], scale.floats())) {
                return normalizer;
            }
        }
        StringBuilder text = new StringBuilder(Standardizer.KIND);
        text.append(";mean=").append(join(offset.floats())).append(";std=").append(join(scale.floats()));
        return Normalizer.fromMetadata(text.toString());
    }

    private static Normalizer parse(String recorded) {
        try {
            return Normalizer.fromMetadata(recorded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String join(float[] values) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < values.length; j++) {
            text.append(j == 0 ? "" : ",").append((double) values[j]);
        }
        return text.toString();
    }
}
