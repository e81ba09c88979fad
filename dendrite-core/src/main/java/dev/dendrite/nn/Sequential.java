package dev.dendrite.nn;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Layers in a row: the output of one is the input of the next. Its parameters are named
 * {@code layers.<index>.<name>}, for example {@code layers.0.weight}.
 *
 * <p>Mutable in the way its layers are; not thread-safe for training.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** A model made of {@code layers}, applied in order. */
    public Sequential(Module... layers) {
        for (Module layer : layers) {
            add(layer);
        }
    }

    /** Appends a layer; returns this. */
    public Sequential add(Module layer) {
        registerChild("layers." + layers.size(), layer);
        layers.add(layer);
        return this;
    }

    /** The layers in order. */
    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * As {@link #forward(Tensor)}, showing each layer's output to {@code observer} (may be null) as
     * soon as it is computed, except outputs it does not watch that a fused pass skips
     * ({@link LayerObserver#watches}); training uses it to watch the layers without a second pass.
     */
    public Tensor forward(Tensor input, LayerObserver observer) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            try {
                List<Module> following = fusable(i, observer);
                Fused fused = following.isEmpty() ? null : layer.forwardFused(x, following);
                if (fused != null) {
                    x = fused.output();
                    i += fused.layers();
                    layer = layers.get(i);
                } else {
                    x = layer.forward(x);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layers." + i + ": " + e.getMessage(), e);
            }
            if (observer != null) {
                observer.afterLayer(i, layer, x);
            }
        }
        return x;
    }

    /**
     * The layers after layer {@code index} that it may apply in the same pass: all of them without
     * an observer; none when the observer watches this layer's output; else up to and including the
     * first whose output the observer watches (it still sees that one).
     */
    private List<Module> fusable(int index, LayerObserver observer) {
        if (index + 1 >= layers.size()) {
            return List.of();
        }
        if (observer == null) {
            return layers.subList(index + 1, layers.size());
        }
        if (observer.watches(index, layers.get(index))) {
            return List.of();
        }
        int last = index + 1;
        while (last + 1 < layers.size() && !observer.watches(last, layers.get(last))) {
            last++;
        }
        return layers.subList(index + 1, last + 1);
    }

    /** Sees each layer's output during {@link #forward(Tensor, LayerObserver)}. */
    @FunctionalInterface
    public interface LayerObserver {
        /** Called with the layer's index ({@code layers.<index>}), the layer and its output. */
        void afterLayer(int index, Module layer, Tensor output);

        /**
         * Whether this observer needs the output of layer {@code index}; true unless overridden. A
         * layer whose output no one watches may be applied in one pass with the layers before it
         * ({@link Module#forwardFused}), and then {@link #afterLayer} is not called for it.
         */
        default boolean watches(int index, Module layer) {
            return true;
        }
    }

    /**
     * Each layer's output shape for a model input of shape {@code input}, in order; the last is the
     * model's output shape.
     *
     * @throws IllegalArgumentException naming the first layer that cannot take its input
     */
    public List<Shape> layerOutputShapes(Shape input) {
        List<Shape> shapes = new ArrayList<>();
        Shape x = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                x = layers.get(i).outputShape(x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layers." + i + ": " + e.getMessage(), e);
            }
            shapes.add(x);
        }
        return shapes;
    }

    @Override
    public Shape outputShape(Shape input) {
        List<Shape> shapes = layerOutputShapes(input);
        return shapes.isEmpty() ? input : shapes.get(shapes.size() - 1);
    }

    /** The first layer's answer that is not {@code null}, or {@code null} when none has one. */
    @Override
    public int[] sampleInputShape() {
        for (Module layer : layers) {
            int[] shape = layer.sampleInputShape();
            if (shape != null) {
                return shape;
            }
        }
        return null;
    }

    /**
     * The model's outputs for one raw sample, as a plain array: under no-grad and in evaluation
     * mode (Dropout off), the mode restored afterwards. For a classifier these are the logits;
     * see {@link #predictProba(float[])}. Not thread-safe against training or mode switches.
     *
     * @throws IllegalArgumentException if the row does not fit the model's input
     */
    public float[] predict(float[] row) {
        return predict(new float[][] {row})[0];
    }

    /** As {@link #predict(float[])} for many rows at once, one output row each. */
    public float[][] predict(float[][] rows) {
        Tensor output = predictBatch(rows);
        int width = rows.length == 0 ? 0 : output.size() / rows.length;
        float[][] result = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            result[i] = Arrays.copyOfRange(output.data(), i * width, (i + 1) * width);
        }
        return result;
    }

    /**
     * Class probabilities for one raw sample: the softmax of the outputs, or for a model with one
     * output (binary, trained with binary cross-entropy on logits) {@code [1 - p, p]} with
     * {@code p = sigmoid(output)}.
     */
    public float[] predictProba(float[] row) {
        return predictProba(new float[][] {row})[0];
    }

    /** As {@link #predictProba(float[])} for many rows at once. */
    public float[][] predictProba(float[][] rows) {
        float[][] outputs = predict(rows);
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = probabilities(outputs[i]);
        }
        return outputs;
    }

    private static float[] probabilities(float[] logits) {
        if (logits.length == 1) {
            float p = (float) (1 / (1 + Math.exp(-logits[0])));
            return new float[] {1 - p, p};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            e[j] = Math.exp(logits[j] - max);
            sum += e[j];
        }
        float[] p = new float[logits.length];
        for (int j = 0; j < logits.length; j++) {
            p[j] = (float) (e[j] / sum);
        }
        return p;
    }

    private Tensor predictBatch(float[][] rows) {
        int[] sample = sampleInputShape();
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            Validate.argument(rows[i].length == width, "predict", "rows of one length " + width,
                    "row " + i + " of length " + rows[i].length);
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        int[] dims = batchDims(rows.length, width, sample);
        boolean wasTraining = isTraining();
        eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return forward(Tensor.wrap(flat, dims));
        } finally {
            if (wasTraining) {
                train();
            }
        }
    }

    /** [N, ...sample] when the model declares a complete sample shape of {@code width} values, else [N, width]. */
    private static int[] batchDims(int rows, int width, int[] sample) {
        if (sample != null && Arrays.stream(sample).allMatch(d -> d > 0)
                && Arrays.stream(sample).reduce(1, (a, b) -> a * b) == width) {
            int[] dims = new int[sample.length + 1];
            dims[0] = rows;
            System.arraycopy(sample, 0, dims, 1, sample.length);
            return dims;
        }
        return new int[] {rows, width};
    }

    /** The layer table of {@link ModelSummary#table(Sequential)}: output shapes and parameter counts. */
    public String summary() {
        return ModelSummary.table(this);
    }

    /**
     * The layer table for samples of {@code sampleShape}, such as {@code summary(1, 28, 28)} for a
     * convolutional model, which takes images of any size.
     */
    public String summary(int... sampleShape) {
        return ModelSummary.table(this, sampleShape);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) {
            out.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        }
        return out.append(')').toString();
    }
}
