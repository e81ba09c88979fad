package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * How one kind of layer is written into a model file's architecture and built back from it: the
 * type name, the layer class, the hyperparameter fields it may carry, and three small functions.
 * Declared by the layer itself as a {@code TYPE} constant and registered by {@code dev.dendrite.io.LayerTypes}; immutable.
 *
 * <pre>{@code
 * LayerType.of("dropout", Dropout.class, List.of("p"),
 *         dropout -> LayerSpec.of("dropout").with("p", dropout.probability()),
 *         (spec, random) -> new Dropout(spec.real("p"), random),
 *         spec -> Map.of());
 * }</pre>
 *
 * @param name            the type name in files, such as {@code dense}
 * @param layerClass      the class written under this name
 * @param fields          the hyperparameter names a spec of this type may have (besides {@code type})
 * @param describer       the layer's spec (type name and hyperparameters, not weights)
 * @param builder         a new layer from a spec, with fresh weights drawn from the given Random
 * @param parameterShapes the shapes of the parameters a spec's layer has, by local name, without
 *                        building it, so a loader can check a file's tensors before allocating
 * @param loader          a layer around parameters read from a file, or {@code null} to build one
 *                        with {@code builder} and copy the values in (which spends time drawing
 *                        initial weights that are then overwritten)
 * @param bufferShapes    the shapes of the buffers ({@link Module#namedBuffers()}, such as a
 *                        running mean) a spec's layer has, by local name; none unless given with
 *                        {@link #withBuffers}. Files hold the buffers beside the parameters and a
 *                        loader checks them the same way; their values are copied into the layer
 *                        after it is built or loaded.
 * @param listForms       how the layer is written in a compact {@link LayerList} ({@code conv:32:3}); none
 *                        unless given with {@link #withListForms}
 * @param <M>             the layer class
 */
public record LayerType<M extends Module>(String name, Class<M> layerClass, List<String> fields,
        Describer<M> describer, Builder builder, ParameterShapes parameterShapes, Loader loader,
        ParameterShapes bufferShapes, List<ListForm> listForms) {

    /** Checks that nothing is missing and copies the field list. */
    public LayerType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layerClass, "layerClass");
        Objects.requireNonNull(describer, "describer");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(parameterShapes, "parameterShapes");
        Objects.requireNonNull(bufferShapes, "bufferShapes");
        fields = List.copyOf(fields);
        listForms = List.copyOf(listForms);
    }

    /** A layer type without a loader; see the record components. */
    public static <M extends Module> LayerType<M> of(String name, Class<M> layerClass, List<String> fields,
            Describer<M> describer, Builder builder, ParameterShapes parameterShapes) {
        return new LayerType<>(name, layerClass, fields, describer, builder, parameterShapes, null, spec -> Map.of(),
                List.of());
    }

    /** A layer type without parameters (an activation, Dropout). */
    public static <M extends Module> LayerType<M> of(String name, Class<M> layerClass, List<String> fields,
            Describer<M> describer, Builder builder) {
        return of(name, layerClass, fields, describer, builder, spec -> Map.of());
    }

    /** This type with {@code loader} for building layers around parameters read from a file. */
    public LayerType<M> withLoader(Loader loader) {
        return new LayerType<>(name, layerClass, fields, describer, builder, parameterShapes, loader, bufferShapes,
                listForms);
    }

    /** This type with {@code shapes} declaring the buffers its layers have (default: none). */
    public LayerType<M> withBuffers(ParameterShapes shapes) {
        return new LayerType<>(name, layerClass, fields, describer, builder, parameterShapes, loader, shapes,
                listForms);
    }

    /** This type with {@code forms} as the ways to write it in a compact layer list (replacing any). */
    public LayerType<M> withListForms(ListForm... forms) {
        return new LayerType<>(name, layerClass, fields, describer, builder, parameterShapes, loader, bufferShapes,
                List.of(forms));
    }

    /** The spec of {@code layer}, which must be an instance of {@link #layerClass()}. */
    public LayerSpec describe(Module layer) {
        return describer.describe(layerClass.cast(layer));
    }

    /** Gives a layer's spec. */
    @FunctionalInterface
    public interface Describer<M extends Module> {
        /** The type name and hyperparameters of {@code layer}. */
        LayerSpec describe(M layer);
    }

    /** Builds a layer from its spec. */
    @FunctionalInterface
    public interface Builder {
        /**
         * A new layer for {@code spec}, drawing any initial weights from {@code random}.
         *
         * @throws IllegalArgumentException if a field is missing or out of range
         */
        Module build(LayerSpec spec, Random random);
    }

    /** Gives the shapes of the parameters (or, for {@link #bufferShapes()}, the buffers) a spec's layer will have. */
    @FunctionalInterface
    public interface ParameterShapes {
        /**
         * The shapes by local name ({@code weight}, {@code bias}; {@code running_mean}), in registration order.
         *
         * @throws IllegalArgumentException if a field is missing or out of range
         */
        Map<String, int[]> of(LayerSpec spec);
    }

    /** Builds a layer around parameter tensors that were read from a file. */
    @FunctionalInterface
    public interface Loader {
        /**
         * A layer for {@code spec} that uses {@code parameters} (by local name, with the shapes
         * {@link ParameterShapes} gave) as its parameters, without copying them.
         *
         * @throws IllegalArgumentException if a field is missing or out of range
         */
        Module load(LayerSpec spec, Map<String, Tensor> parameters, Random random);
    }
}
