package dev.dendrite.io;

import dev.dendrite.nn.BuiltInLayers;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.Activation;
import dev.dendrite.nn.activation.Activations;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer types model files can name, mapping each type name to the {@link LayerType} that
 * writes and reads it.
 *
 * <p>A layer declares how it is saved in its own file, as a {@code public static final LayerType TYPE}
 * constant (see {@link Dense#TYPE}); the built-in ones are listed in {@link BuiltInLayers} and
 * registered here, others with {@link #register} (from a test, or a library's own code).
 * Activations without hyperparameters need none: every name of
 * {@link Activations#names()} is readable, and an activation is written by its
 * {@link Activation#name()}; only those with hyperparameters are registered below, so their values
 * are kept. An unregistered activation whose hyperparameters would be lost is refused when saving.
 *
 * <p>Thread-safe: registration is synchronized and lookups read concurrent maps.
 */
public final class LayerTypes {
    private static final Map<String, LayerType<?>> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<Class<?>, LayerType<?>> BY_CLASS = new ConcurrentHashMap<>();

    static {
        BuiltInLayers.TYPES.forEach(LayerTypes::register);
    }

    private LayerTypes() {
    }

    /**
     * Makes {@code type} readable under its name and, unless its class already has a type, writable
     * for its class. The returned registration undoes it when closed, so that a test can register
     * a type for its own duration:
     * <pre>{@code
     * try (LayerTypes.Registration scale = LayerTypes.register(Scale.TYPE)) {
     *     ...
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if the name is already registered
     */
    public static synchronized Registration register(LayerType<?> type) {
        Validate.argument(!BY_NAME.containsKey(type.name()), "LayerTypes.register", "a new type name",
                () -> "'" + type.name() + "', already registered");
        BY_NAME.put(type.name(), type);
        BY_CLASS.putIfAbsent(type.layerClass(), type);
        return () -> {
            synchronized (LayerTypes.class) {
                if (BY_NAME.get(type.name()) == type) {
                    unregister(type.name());
                }
            }
        };
    }

    /** A registration that {@link #close()} undoes; closing twice does nothing more. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Unregisters the type, unless another type has taken its name since. */
        @Override
        void close();
    }

    /**
     * Removes the type registered under {@code name}; if it was its class's writer, another type
     * registered for the class (if any) takes over. Does nothing for a name that is not
     * registered. For tests and plug-ins that register a type for a while (see also the
     * {@link Registration} that {@link #register} returns).
     */
    public static synchronized void unregister(String name) {
        LayerType<?> type = BY_NAME.remove(name);
        if (type != null && BY_CLASS.remove(type.layerClass(), type)) {
            BY_NAME.values().stream().filter(other -> other.layerClass() == type.layerClass()).findFirst()
                    .ifPresent(other -> BY_CLASS.put(other.layerClass(), other));
        }
    }

    /** Every type name a model file may use: the registered ones and the activation names, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(BY_NAME.keySet());
        names.addAll(Activations.names());
        return Collections.unmodifiableSet(names);
    }

    /**
     * The spec of {@code layer}.
     *
     * @throws IllegalArgumentException if no type is registered for the layer's class, or an
     *                                  activation's hyperparameters would not survive the round trip
     */
    static LayerSpec describe(Module layer) {
        LayerType<?> type = BY_CLASS.get(layer.getClass());
        if (type != null) {
            LayerSpec spec = type.describe(layer);
            Validate.argument(BY_NAME.containsKey(spec.type()), "model file", "a spec whose type is registered",
                    "'" + spec.type() + "' from the layer type registered for " + layer.getClass().getSimpleName());
            return spec;
        }
        if (layer instanceof Activation activation && Activations.names().contains(activation.name())) {
            Activation reread = Activations.byName(activation.name());
            Validate.argument(reread.toString().equals(activation.toString()), "model file",
                    "an activation whose hyperparameters the file can record (register a LayerType for "
                            + activation.getClass().getSimpleName() + ")",
                    activation + ", which would read back as " + reread);
            return LayerSpec.of(activation.name());
        }
        throw Validate.fail("model file",
                "a layer of a registered type (" + String.join(", ", names()) + ")",
                layer + " of class " + layer.getClass().getName() + "; register a LayerType for it");
    }

    /**
     * A new layer for {@code spec}.
     *
     * @throws IllegalArgumentException for an unknown type, a field the type does not have, or a
     *                                  missing or out-of-range value
     */
    static Module build(LayerSpec spec, Random random) {
        LayerType<?> type = BY_NAME.get(spec.type());
        if (type != null) {
            checkFields(spec, type.fields());
            return type.builder().build(spec, random);
        }
        checkKnown(spec);
        checkFields(spec, List.of());
        return Activations.byName(spec.type());
    }

    /**
     * A layer for {@code spec} holding {@code parameters} (by local name, shapes already checked
     * against {@link #parameterShapes}): built around them by the type's loader, or built fresh
     * with the values copied in.
     *
     * @throws IllegalArgumentException for an unknown type, an unexpected field or a bad value
     */
    static Module load(LayerSpec spec, Map<String, Tensor> parameters, Random random) {
        LayerType<?> type = BY_NAME.get(spec.type());
        if (type != null && type.loader() != null) {
            checkFields(spec, type.fields());
            return type.loader().load(spec, parameters, random);
        }
        Module layer = build(spec, random);
        layer.namedParameters().forEach((name, tensor) -> {
            Tensor source = parameters.get(name);
            Validate.state(source != null && source.size() == tensor.size(), "layer type '" + spec.type() + "'",
                    "parameters that match its declared shapes", "'" + name + "' of shape " + tensor.shape());
            System.arraycopy(source.data(), 0, tensor.data(), 0, tensor.size());
        });
        return layer;
    }

    /** The parameter shapes of {@code spec}'s layer by local name, without building it. */
    static Map<String, int[]> parameterShapes(LayerSpec spec) {
        LayerType<?> type = BY_NAME.get(spec.type());
        if (type == null) {
            checkKnown(spec);
            checkFields(spec, List.of());
            return Map.of();
        }
        checkFields(spec, type.fields());
        return type.parameterShapes().of(spec);
    }

    /** The buffer shapes of {@code spec}'s layer by local name, without building it; none for activations. */
    static Map<String, int[]> bufferShapes(LayerSpec spec) {
        LayerType<?> type = BY_NAME.get(spec.type());
        if (type == null) {
            checkKnown(spec);
            checkFields(spec, List.of());
            return Map.of();
        }
        checkFields(spec, type.fields());
        return type.bufferShapes().of(spec);
    }

    private static void checkKnown(LayerSpec spec) {
        Validate.argument(Activations.names().contains(spec.type()), "layer type",
                "one of " + String.join(", ", names()), "'" + spec.type() + "'");
    }

    private static void checkFields(LayerSpec spec, List<String> allowed) {
        for (String field : spec.fields().keySet()) {
            Validate.argument(allowed.contains(field), "layer '" + spec.type() + "'",
                    allowed.isEmpty() ? "no fields besides 'type'" : "only the fields " + allowed,
                    "'" + field + "'");
        }
    }
}
