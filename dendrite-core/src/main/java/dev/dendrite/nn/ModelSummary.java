package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's layers as a table, as Keras's {@code model.summary()} prints it: each layer's path,
 * its description, its output shape (batch dimension written {@code N}) and its parameter count,
 * then the total. Shapes come from {@link Module#outputShape}, so nothing is computed.
 *
 * <pre>
 * layer    type                         output shape     parameters
 * ------------------------------------------------------------------
 * layers.0 Dense(4 -&gt; 16)               [N, 16]                  80
 * layers.1 ReLU()                       [N, 16]                   0
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class ModelSummary {
    private static final int WIDTH = 66;

    private ModelSummary() {
    }

    /**
     * The table for {@code model} fed samples of the shape the model itself declares
     * ({@link Module#sampleInputShape()}).
     *
     * @throws IllegalArgumentException if the model does not declare a complete sample shape
     *     (a convolutional model takes any image size): use {@link #table(Sequential, int[])}
     */
    public static String table(Sequential model) {
        int[] sample = model.sampleInputShape();
        if (sample == null || Arrays.stream(sample).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException(Validate.message("summary", "a model whose input shape is known",
                    "input " + (sample == null ? "of any shape" : Arrays.toString(sample).replace("-1", "?"))
                            + "; give the sample shape, such as [1, 28, 28]"));
        }
        return table(model, sample);
    }

    /**
     * The table for {@code model} fed samples of shape {@code sampleShape} (without the batch
     * dimension, such as {@code [784]} or {@code [1, 28, 28]}).
     *
     * @throws IllegalArgumentException naming the first layer that cannot take its input
     */
    public static String table(Sequential model, int[] sampleShape) {
        int[] batch = new int[sampleShape.length + 1];
        batch[0] = 1;
        System.arraycopy(sampleShape, 0, batch, 1, sampleShape.length);
        List<Shape> shapes = model.layerOutputShapes(Shape.of(batch));
        int typeWidth = 28;
        for (Module layer : model.layers()) {
            typeWidth = Math.max(typeWidth, layer.toString().length());
        }
        String row = "%-8s %-" + typeWidth + "s %-16s %12s%n";
        int width = WIDTH - 28 + typeWidth;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, row, "layer", "type", "output shape",
                "parameters"));
        out.append("-".repeat(width)).append('\n');
        long total = 0;
        for (int i = 0; i < shapes.size(); i++) {
            Module layer = model.layers().get(i);
            long count = layer.parameterCount();
            total += count;
            out.append(String.format(Locale.ROOT, row.replace("%12s", "%,12d"), "layers." + i, layer,
                    batchShape(shapes.get(i)), count));
        }
        out.append("-".repeat(width)).append('\n');
        return out.append(String.format(Locale.ROOT, "input %s; total parameters: %,d%n",
                batchShape(Shape.of(batch)), total)).toString();
    }

    /** {@code [1, 16]} written as {@code [N, 16]}. */
    private static String batchShape(Shape shape) {
        return shape.toString().replaceFirst("^\\[1", "[N");
    }
}
