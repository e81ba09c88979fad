package dev.dendrite.onnx;

import dev.dendrite.data.MinMaxScaler;
import dev.dendrite.data.Normalizer;
import dev.dendrite.data.Standardizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * A {@link Normalizer} baked into an exported graph as {@code Div(Sub(input, offset), scale)}, so
 * that the ONNX model takes raw features as Dendrite's command line reads them. A zero scale (a
 * constant column) is written as 1, as the normaliser treats it. Stateless.
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
        String shift = graph.initializer("preprocessing.offset", Tensor.wrap(offsets, sample));
        String divisor = graph.initializer("preprocessing.scale", Tensor.wrap(scales, sample));
        String centred = graph.node("Sub", "preprocessing", new String[] {input, shift});
        return graph.node("Div", "preprocessing", new String[] {centred, divisor});
    }
}
