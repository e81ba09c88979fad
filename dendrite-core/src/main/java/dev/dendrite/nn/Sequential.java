package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
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
     * soon as it is computed; training uses it to watch the layers without a second pass.
     */
    public Tensor forward(Tensor input, LayerObserver observer) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            try {
                x = layer.forward(x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layers." + i + ": " + e.getMessage(), e);
            }
            if (observer != null) {
                observer.afterLayer(i, layer, x);
            }
        }
        return x;
    }

    /** Sees each layer's output during {@link #forward(Tensor, LayerObserver)}. */
    @FunctionalInterface
    public interface LayerObserver {
        /** Called with the layer's index ({@code layers.<index>}), the layer and its output. */
        void afterLayer(int index, Module layer, Tensor output);
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

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) {
            out.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        }
        return out.append(')').toString();
    }
}
