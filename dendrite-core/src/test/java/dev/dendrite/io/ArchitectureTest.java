package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Activation;
import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureTest {
    @TempDir
    Path directory;

    @Test
    void describeWritesTheDocumentedJson() {
        Random random = new Random(1);
        Sequential model = new Sequential(new Dense(784, 256, random), new ReLU(), new LeakyReLU(0.01f),
                new Dropout(0.5, random), new Dense(256, 10, random), new Softmax(), new GELU(GELU.Approximation.TANH),
                new BinaryStep(true));
        assertEquals("[{\"type\":\"dense\",\"in\":784,\"out\":256},{\"type\":\"relu\"},"
                + "{\"type\":\"leaky_relu\",\"alpha\":0.01},{\"type\":\"dropout\",\"p\":0.5},"
                + "{\"type\":\"dense\",\"in\":256,\"out\":10},{\"type\":\"softmax\",\"axis\":-1},"
                + "{\"type\":\"gelu_tanh\"},{\"type\":\"binary_step_ste\"}]", Architecture.describe(model));
    }

    @Test
    void buildGivesTheSameLayersWithFreshWeights() {
        Sequential model = new Sequential(new Dense(4, 3, new Random(2)), new LeakyReLU(0.3f), new Dropout(0.1,
                new Random(3)), new Dense(3, 2, new Random(4)), new Softmax(0));
        String json = Architecture.describe(model);
        Sequential built = Architecture.build(json, new Random(5));
        assertEquals(model.toString(), built.toString());
        assertEquals(json, Architecture.describe(built));
        Map<String, int[]> shapes = Architecture.parameterShapes(Architecture.parse(json));
        assertEquals(List.copyOf(model.namedParameters().keySet()), List.copyOf(shapes.keySet()));
        model.namedParameters().forEach((name, tensor) -> assertArrayEquals(tensor.shape().dims(), shapes.get(name)));
    }

    @Test
    void missingHyperparametersTakeTheLayerDefaults() {
        Sequential built = Architecture.build("[{\"type\":\"leaky_relu\"},{\"type\":\"elu\"},{\"type\":\"softmax\"}]",
                new Random(6));
        assertEquals("[LeakyReLU(alpha=0.01), ELU(alpha=1.0), Softmax(axis=-1)]",
                built.layers().stream().map(Module::toString).toList().toString());
    }

    @Test
    void floatHyperparametersSurviveExactly() {
        for (float alpha : new float[] {0.01f, 0.1f, 1f / 3, 1e-7f, 123456.78f, Float.MIN_VALUE, Float.MAX_VALUE}) {
            String json = Architecture.describe(new Sequential(new LeakyReLU(alpha)));
            LeakyReLU read = (LeakyReLU) Architecture.build(json, new Random(7)).layers().get(0);
            assertEquals(Float.floatToIntBits(alpha), Float.floatToIntBits(read.alpha()), json);
        }
    }

    @Test
    void parameterShapesNeedNoAllocation() {
        // 2e9 weights would need 8 GB; the shapes come from the spec alone.
        Map<String, int[]> shapes = Architecture.parameterShapes(
                Architecture.parse("[{\"type\":\"dense\",\"in\":50000,\"out\":40000}]"));
        assertArrayEquals(new int[] {50000, 40000}, shapes.get("layers.0.weight"));
        assertArrayEquals(new int[] {40000}, shapes.get("layers.0.bias"));
    }

    @Test
    void badArchitecturesNameTheLayer() {
        assertMessage("[{\"type\":\"relu\"},{\"type\":\"maxout\"}]", "architecture layers.1: layer type",
                "got 'maxout'");
        assertMessage("[{\"type\":\"dense\",\"in\":3}]", "architecture layers.0", "a field 'out'");
        assertMessage("[{\"type\":\"dense\",\"in\":3,\"out\":\"4\"}]", "an integer for 'out'", "\"4\"");
        assertMessage("[{\"type\":\"dense\",\"in\":3,\"out\":4,\"bias\":false}]", "only the fields [in, out]",
                "'bias'");
        assertMessage("[{\"type\":\"dense\",\"in\":65536,\"out\":65536}]", "in * out <= 2147483639");
        assertMessage("[{\"type\":\"dense\",\"in\":1e10,\"out\":4}]", "an integer for 'in'");
        assertMessage("[{\"type\":\"softmax\",\"axis\":[1]}]", "a number, string or boolean for layers.0 'axis'");
        assertMessage("[{\"type\":\"dropout\",\"p\":null}]", "a number, string or boolean");
        assertMessage("[{\"type\":\"leaky_relu\",\"alpha\":1e39}]", "a finite number for 'alpha'");
        assertMessage("[{\"type\":7}]", "a string for layers.0 'type'");
        assertMessage("[{\"type\":\"relu\"}] []", "nothing after");
        assertMessage("[{\"type\":\"relu\",\"type\":\"tanh\"}]", "Duplicate field 'type'");
        assertMessage("[\"relu\"]", "a layer object");
        assertMessage("", "a JSON array of layers", "the end of the text");
    }

    private static void assertMessage(String json, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.build(json, new Random(8)));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    @Test
    void tooManyLayersAreRefusedWhileParsing() {
        String layers = "{\"type\":\"relu\"},".repeat(Json.MAX_LAYERS) + "{\"type\":\"relu\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse("[" + layers + "]"));
        assertTrue(e.getMessage().contains("at most " + Json.MAX_LAYERS + " layers"), e.getMessage());
    }

    /** An activation that reports a registered name but computes something else. */
    private static final class DoubledReLU extends Activation {
        @Override
        public Tensor forward(Tensor input) {
            return new ReLU().forward(input).mul(2f);
        }

        @Override
        public String name() {
            return "relu";
        }

        @Override
        public String toString() {
            return "DoubledReLU()";
        }
    }

    @Test
    void anActivationWhoseHyperparametersWouldBeLostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.describe(new Sequential(new DoubledReLU())));
        assertTrue(e.getMessage().contains("DoubledReLU(), which would read back as ReLU()"), e.getMessage());
    }

    /** A layer defined outside the library: y = x * scale, one learnable scale per feature. */
    static final class Scale extends Module {
        private final Tensor scale;

        Scale(int features) {
            scale = registerParameter("scale", Tensor.ones(features));
        }

        int features() {
            return scale.size();
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(scale);
        }

        @Override
        public String toString() {
            return "Scale(" + features() + ")";
        }
    }

    @Test
    void aNewLayerTypeNeedsOneRegistration() throws IOException {
        LayerType<Scale> type = LayerType.of("test_scale", Scale.class, List.of("features"),
                scale -> LayerSpec.of("test_scale").with("features", scale.features()),
                (spec, random) -> new Scale(spec.integer("features")),
                spec -> Map.of("scale", new int[] {spec.integer("features")}));
        Path file = directory.resolve("custom.safetensors");
        Scale scale = new Scale(3);
        scale.localParameters().get("scale").data()[1] = -2.5f;
        Sequential model = new Sequential(new Dense(2, 3, new Random(9)), scale);
        try (LayerTypes.Registration registered = LayerTypes.register(type)) {
            assertTrue(LayerTypes.names().contains("test_scale"));
            assertThrows(IllegalArgumentException.class, () -> LayerTypes.register(LayerType.of("test_scale",
                    Scale.class, List.of(), layer -> LayerSpec.of("test_scale"), (spec, random) -> new Scale(1))));

            ModelFile.save(file, model, Map.of());
            Sequential loaded = ModelFile.load(file).model();
            assertEquals("Scale(3)", loaded.layers().get(1).toString());
            assertArrayEquals(new float[] {1, -2.5f, 1}, loaded.namedParameters().get("layers.1.scale").data());
            Tensor input = Tensor.vector(0.5f, -1.5f);
            assertArrayEquals(model.forward(input).data(), loaded.forward(input).data());
        }
        assertFalse(LayerTypes.names().contains("test_scale"), "unregistered when the registration closed");
        assertThrows(IllegalArgumentException.class, () -> Architecture.describe(model));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("'test_scale'"), e.getMessage());
    }

    @Test
    void unregisteringHandsTheClassToAnotherTypeOfItAndLeavesNewerTypesAlone() {
        LayerType<Scale> first = LayerType.of("test_scale_a", Scale.class, List.of(),
                layer -> LayerSpec.of("test_scale_a"), (spec, random) -> new Scale(1));
        LayerType<Scale> second = LayerType.of("test_scale_b", Scale.class, List.of(),
                layer -> LayerSpec.of("test_scale_b"), (spec, random) -> new Scale(1));
        try (LayerTypes.Registration a = LayerTypes.register(first);
             LayerTypes.Registration b = LayerTypes.register(second)) {
            Sequential model = new Sequential(new Scale(1));
            assertTrue(Architecture.describe(model).contains("test_scale_a"));
            a.close();
            assertTrue(Architecture.describe(model).contains("test_scale_b"), "the class's other type writes it");
            a.close();   // again: nothing to do
            LayerTypes.unregister("test_scale_a");   // not registered: nothing to do
            assertTrue(LayerTypes.names().contains("test_scale_b"));
        }
        assertFalse(LayerTypes.names().contains("test_scale_b"));
        LayerType<Scale> third = LayerType.of("test_scale_c", Scale.class, List.of(),
                layer -> LayerSpec.of("test_scale_c"), (spec, random) -> new Scale(1));
        LayerTypes.Registration stale = LayerTypes.register(third);
        LayerTypes.unregister("test_scale_c");
        try (LayerTypes.Registration replacement = LayerTypes.register(LayerType.of("test_scale_c", Scale.class,
                List.of(), layer -> LayerSpec.of("test_scale_c"), (spec, random) -> new Scale(2)))) {
            stale.close();
            assertTrue(LayerTypes.names().contains("test_scale_c"), "a stale registration leaves the new type");
        }
    }

    @Test
    void layerSpecsAreValuesWithCheckedFields() {
        LayerSpec spec = LayerSpec.of("dense").with("in", 2).with("out", 3);
        assertEquals(spec, LayerSpec.of("dense").with("in", 2).with("out", 3));
        assertEquals("{\"type\":\"dense\",\"in\":2,\"out\":3}", spec.toString());
        assertEquals(2, spec.integer("in"));
        assertEquals(7, spec.integer("missing", 7));
        assertEquals(0.25f, LayerSpec.of("x").with("p", 0.25f).real("p"));
        assertTrue(LayerSpec.of("x").with("on", true).flag("on", false));
        assertEquals("tanh", LayerSpec.of("x").with("mode", "tanh").text("mode", "none"));
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("x").with("p", Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("x").with("type", 1));
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.of("x").with("on", 1).flag("on", false));
    }

    /** A layer registered with a describer that writes a type name nothing reads. */
    private static final class Misnamed extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }

    @Test
    void aDescriberMustWriteARegisteredTypeName() {
        try (LayerTypes.Registration registered = LayerTypes.register(LayerType.of("test_misnamed", Misnamed.class,
                List.of(), layer -> LayerSpec.of("test_misspelled"), (spec, random) -> new Misnamed()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Architecture.describe(new Sequential(new Misnamed())));
            assertTrue(e.getMessage().contains("'test_misspelled'"), e.getMessage());
        }
        assertFalse(LayerTypes.names().contains("test_misnamed"));
    }
}
