package dev.dendrite.cli.plot;

import dev.dendrite.nn.BatchNorm;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a model's layers for a reader, as legends need them: {@code Dense 1 (784→256)} rather than
 * the parameter path {@code layers.0}. A layer with parameters is named by its kind, its number
 * among layers of that kind and its sizes; a layer without (an activation) takes the name of the
 * layer whose units it switches on or off: the last one before it with parameters, batch
 * normalisation aside.
 *
 * <p>Immutable once built.
 */
final class LayerNames {
    private final Map<String, String> names;

    private LayerNames(Map<String, String> names) {
        this.names = names;
    }

    /** No model: every path is its own name. */
    static LayerNames none() {
        return new LayerNames(Map.of());
    }

    /** The names of {@code model}'s layers, by their paths {@code layers.<index>}. */
    static LayerNames of(Sequential model) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        String unitsOwner = null;
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            if (!layer.namedParameters().isEmpty()) {
                String kind = layer.getClass().getSimpleName();
                int number = counts.merge(kind, 1, Integer::sum);
                String sizes = sizes(layer.toString().substring(kind.length()));
                String name = kind + " " + number + (sizes.isEmpty() ? "" : " (" + sizes + ")");
                names.put("layers." + i, name);
                // Batch normalisation rescales the units of the layer before it and makes none of
                // its own: a ReLU after Conv2d then BatchNorm2d switches the convolution's channels.
                if (!(layer instanceof BatchNorm)) {
                    unitsOwner = name;
                }
            } else if (unitsOwner != null) {
                names.put("layers." + i, unitsOwner);
            }
        }
        return new LayerNames(names);
    }

    /**
     * The sizes in a layer's printed arguments, without its settings: {@code (784 -> 256)} gives
     * {@code 784→256}, {@code (1, 32, kernel=3, stride=1, ...)} gives {@code 1→32} and
     * {@code (32, eps=1.0E-5, momentum=0.1)} gives {@code 32}, so that legends stay one short line.
     */
    static String sizes(String arguments) {
        String inner = arguments.strip();
        if (inner.startsWith("(") && inner.endsWith(")")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        if (inner.contains(" -> ")) {
            return inner.replace(" -> ", "→");
        }
        StringBuilder sizes = new StringBuilder();
        for (String item : inner.split(",\\s*")) {
            if (!item.matches("\\d+")) {
                break;
            }
            sizes.append(sizes.length() == 0 ? "" : "→").append(item);
        }
        return sizes.toString();
    }

    /** The reader's name of the layer at {@code path}, or the path itself when it is unknown. */
    String name(String path) {
        return names.getOrDefault(path, path);
    }
}
