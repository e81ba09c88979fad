package dev.dendrite.nn;

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
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                x = layers.get(i).forward(x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layers." + i + ": " + e.getMessage(), e);
            }
        }
        return x;
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
