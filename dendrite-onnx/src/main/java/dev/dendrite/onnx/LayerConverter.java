package dev.dendrite.onnx;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Shape;

/**
 * Writes the ONNX nodes that compute one kind of layer. One converter per layer class, registered
 * with {@link OnnxConverters#register}; adding a layer to the exporter is one converter.
 *
 * @param <T> the layer class it converts
 */
@FunctionalInterface
public interface LayerConverter<T extends Module> {
    /**
     * Adds to {@code graph} the nodes that compute {@code layer} applied to {@code input}, and
     * returns the name of the value holding the layer's output.
     *
     * @throws IllegalArgumentException if this layer's settings have no ONNX form
     */
    String convert(T layer, Input input, GraphBuilder graph);

    /**
     * The value a layer reads.
     *
     * @param value the ONNX value name
     * @param path  the layer's path in the model ({@code layers.3}), for node and initializer names
     * @param shape the value's shape for a batch of one; the batch dimension is dynamic in the file
     */
    record Input(String value, String path, Shape shape) {
    }
}
