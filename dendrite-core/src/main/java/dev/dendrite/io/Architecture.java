package dev.dendrite.io;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A model's architecture without its weights, as the JSON a model file keeps in its
 * {@code architecture} metadata entry: the layers of a {@link Sequential} in order, each with its
 * type and hyperparameters,
 * {@code [{"type":"dense","in":784,"out":256},{"type":"relu"},{"type":"dropout","p":0.5}]}.
 *
 * <p>Layer types come from {@link LayerTypes}. Errors are {@link IllegalArgumentException}s that
 * name the layer, such as {@code architecture layers.2: layer type: expected one of ..., got 'conv'}.
 * Stateless and thread-safe.
 */
public final class Architecture {
    private Architecture() {
    }

    /**
     * The layer specs of {@code model}, in order.
     *
     * @throws IllegalArgumentException if a layer's type is not registered
     */
    public static List<LayerSpec> specs(Sequential model) {
        List<LayerSpec> specs = new ArrayList<>();
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            try {
                specs.add(LayerTypes.describe(layers.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix(i) + e.getMessage(), e);
            }
        }
        return specs;
    }

    /**
     * The architecture of {@code model} as compact JSON.
     *
     * @throws IllegalArgumentException if a layer's type is not registered
     */
    public static String describe(Sequential model) {
        return Json.write(specs(model));
    }

    /**
     * Reads an architecture written by {@link #describe} (or by hand in the same form).
     *
     * @throws IllegalArgumentException if the text is not a JSON array of layer objects with a type each
     */
    public static List<LayerSpec> parse(String json) {
        return Json.readLayers(json);
    }

    /**
     * A new model for the architecture {@code json}, with fresh weights drawn from {@code random}.
     *
     * @throws IllegalArgumentException if the text is not a valid architecture
     */
    public static Sequential build(String json, Random random) {
        return build(parse(json), random);
    }

    /**
     * A new model with one layer per spec, with fresh weights drawn from {@code random}.
     *
     * @throws IllegalArgumentException for an unknown type, an unexpected field or a bad value
     */
    public static Sequential build(List<LayerSpec> layers, Random random) {
        Sequential model = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            try {
                model.add(LayerTypes.build(layers.get(i), random));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix(i) + e.getMessage(), e);
            }
        }
        return model;
    }

    /**
     * A model with one layer per spec holding the given parameters (by path, such as
     * {@code layers.0.weight}, with the shapes {@link #parameterShapes} gave) instead of fresh
     * ones, and the given buffers' values (by path, with the shapes {@link #bufferShapes} gave)
     * copied into its buffers.
     *
     * @throws IllegalArgumentException for an unknown type, an unexpected field or a bad value
     * @throws IllegalStateException    if a registered layer type builds a layer whose parameters
     *                                  or buffers differ from the ones it declares
     */
    static Sequential load(List<LayerSpec> layers, Map<String, Tensor> parameters, Map<String, Tensor> buffers,
            Random random) {
        List<Map<String, Tensor>> byLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byLayer.add(new LinkedHashMap<>());
        }
        parameters.forEach((path, tensor) -> {
            // Paths come from parameterShapes: "layers.<index>.<local name>".
            int end = path.indexOf('.', "layers.".length());
            int index = Integer.parseInt(path.substring("layers.".length(), end));
            byLayer.get(index).put(path.substring(end + 1), tensor);
        });
        Sequential model = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            try {
                model.add(LayerTypes.load(layers.get(i), byLayer.get(i), random));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix(i) + e.getMessage(), e);
            }
        }
        String mismatch = mismatch(model, layers);
        Validate.state(mismatch == null, "a registered layer type", "layers that match their declared shapes",
                () -> "a model with " + mismatch);
        model.namedBuffers().forEach((path, buffer) -> {
            float[] values = buffers.get(path).data();
            System.arraycopy(values, 0, buffer.data(), 0, values.length);
        });
        return model;
    }

    /**
     * The shapes of every parameter the architecture's model has, by the paths of
     * {@link Module#namedParameters()} ({@code layers.0.weight}), computed without building it.
     *
     * @throws IllegalArgumentException for an unknown type, an unexpected field or a bad value
     */
    public static Map<String, int[]> parameterShapes(List<LayerSpec> layers) {
        return shapes(layers, LayerTypes::parameterShapes);
    }

    /**
     * The shapes of every buffer the architecture's model has, by the paths of
     * {@link Module#namedBuffers()} ({@code layers.3.running_mean}), computed without building it.
     *
     * @throws IllegalArgumentException for an unknown type, an unexpected field or a bad value
     */
    public static Map<String, int[]> bufferShapes(List<LayerSpec> layers) {
        return shapes(layers, LayerTypes::bufferShapes);
    }

    private static Map<String, int[]> shapes(List<LayerSpec> layers,
            java.util.function.Function<LayerSpec, Map<String, int[]>> ofLayer) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String path = "layers." + i + ".";
            try {
                ofLayer.apply(layers.get(i)).forEach((name, shape) -> shapes.put(path + name, shape));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix(i) + e.getMessage(), e);
            }
        }
        return shapes;
    }

    /**
     * How the model's parameters and buffers differ from the names and shapes the layer types of
     * {@code specs} declare, or {@code null} when they agree (they disagree only for a model with
     * unregistered parameters or a {@link LayerType} whose functions contradict each other).
     */
    static String mismatch(Sequential model, List<LayerSpec> specs) {
        String parameters = mismatch("parameter", model.namedParameters(), parameterShapes(specs));
        return parameters != null ? parameters : mismatch("buffer", model.namedBuffers(), bufferShapes(specs));
    }

    private static String mismatch(String kind, Map<String, Tensor> tensors, Map<String, int[]> declared) {
        Map<String, int[]> actual = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> actual.put(name, tensor.shape().dims()));
        if (!actual.keySet().equals(declared.keySet())) {
            return kind + "s " + actual.keySet() + " where the layer types declare " + declared.keySet();
        }
        for (Map.Entry<String, int[]> entry : declared.entrySet()) {
            if (!Arrays.equals(entry.getValue(), actual.get(entry.getKey()))) {
                return kind + " '" + entry.getKey() + "' of shape " + Arrays.toString(actual.get(entry.getKey()))
                        + " where its layer type declares " + Arrays.toString(entry.getValue());
            }
        }
        return null;
    }

    private static String prefix(int index) {
        return "architecture layers." + index + ": ";
    }
}
