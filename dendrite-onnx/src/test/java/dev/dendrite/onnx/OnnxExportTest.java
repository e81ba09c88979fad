package dev.dendrite.onnx;

import static dev.dendrite.onnx.OutputAssert.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.MinMaxScaler;
import dev.dendrite.data.Normalizer;
import dev.dendrite.data.Standardizer;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.Identity;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.StringStringEntryProto;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exportable layer and activation, and whole MLPs, run in ONNX Runtime against Dendrite's forward. */
class OnnxExportTest {
    private static final int[] BATCH_SIZES = {1, 7, 64};
    private static final int[] OPSETS = {13, 17, 18, 20};

    @TempDir
    Path directory;

    /** A model (built from a seeded generator), and one sample's shape. */
    record Case(String name, Function<Random, Sequential> model, int[] sample) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<Module> activations = List.of(new ReLU(), new Tanh(), new Sigmoid(), new LeakyReLU(0.2f), new ELU(0.7f),
                new Softplus(), new GELU(), new GELU(GELU.Approximation.TANH), new SiLU(), new Softmax(), new Identity(),
                new BinaryStep(), new BinaryStep(true));
        for (Module activation : activations) {
            cases.add(new Case("Dense+" + activation, random -> new Sequential(new Dense(5, 8, random), activation),
                    new int[] {5}));
            cases.add(new Case(activation + " on [N, 3, 4]", random -> new Sequential(activation), new int[] {3, 4}));
        }
        cases.add(new Case("Softmax(axis=1) on [N, 3, 4]", random -> new Sequential(new Softmax(1)), new int[] {3, 4}));
        cases.add(new Case("Dense", random -> new Sequential(new Dense(6, 3, random)), new int[] {6}));
        cases.add(new Case("Dropout", random -> new Sequential(new Dense(4, 4, random), new Dropout(0.5, random)),
                new int[] {4}));
        cases.add(new Case("MLP", OnnxExportTest::mlp, new int[] {20}));
        cases.add(new Case("nested", random -> new Sequential(new Dense(3, 5, random),
                new Sequential(new Tanh(), new Dense(5, 2, random)), new Sigmoid()), new int[] {3}));
        return cases.stream();
    }

    static Sequential mlp(Random random) {
        return new Sequential(new Dense(20, 32, random), new ReLU(), new Dropout(0.1, random), new Dense(32, 16, random),
                new GELU(), new Dense(16, 16, random), new SiLU(), new Dense(16, 10, random), new Softmax());
    }

    static Stream<Arguments> casesAndOpsets() {
        return cases().flatMap(c -> java.util.Arrays.stream(OPSETS).mapToObj(opset -> Arguments.of(c, opset)));
    }

    @ParameterizedTest(name = "{0}, opset {1}")
    @MethodSource("casesAndOpsets")
    void onnxRuntimeComputesWhatDendriteComputes(Case testCase, int opset) throws Exception {
        Sequential model = testCase.model().apply(new Random(7));
        model.eval();
        Path file = directory.resolve("model.onnx");
        OnnxExport.save(model, testCase.sample(), file, OnnxExport.Options.defaults().withOpset(opset));
        try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(Files.readAllBytes(file))) {
            for (int batch : BATCH_SIZES) {
                int[] dims = new int[testCase.sample().length + 1];
                dims[0] = batch;
                System.arraycopy(testCase.sample(), 0, dims, 1, testCase.sample().length);
                Tensor input = Tensor.normal(1000L * batch + opset, 0f, 2f, dims);
                Tensor expected;
                try (var scope = GradMode.noGrad()) {
                    expected = model.forward(input);
                }
                assertMatches(expected, runtime.run(input), testCase + ", opset " + opset + ", batch " + batch);
            }
        }
    }

    @Test
    void aBakedInNormaliserMakesTheFileTakeRawInputs() throws Exception {
        float[] raw = Tensor.normal(3, 50f, 20f, 100, 5).data();
        for (int row = 0; row < 100; row++) {
            raw[row * 5 + 2] = 7f; // a constant column: scale 0, divided by 1
        }
        Tensor training = Tensor.wrap(raw, 100, 5);
        for (Normalizer normalizer : List.of(Standardizer.fit(training), MinMaxScaler.fit(training))) {
            Sequential model = new Sequential(new Dense(5, 4, new Random(2)), new Tanh());
            Path file = directory.resolve("normalised.onnx");
            OnnxExport.save(model, new int[] {5}, file, OnnxExport.Options.defaults().withPreprocessing(normalizer));
            Tensor input = Tensor.normal(9, 50f, 20f, 7, 5);
            Tensor expected;
            try (var scope = GradMode.noGrad()) {
                expected = model.forward(normalizer.apply(input));
            }
            try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(Files.readAllBytes(file))) {
                assertMatches(expected, runtime.run(input), normalizer.toString());
            }
            ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
            assertEquals(normalizer.toMetadata(), proto.getMetadataProps(0).getValue());
            assertEquals(List.of("Sub", "Div"), proto.getGraph().getNodeList().stream().limit(2)
                    .map(node -> node.getOpType()).toList());
            OnnxImport.Imported imported = OnnxImport.read(file);
            assertEquals(normalizer.toMetadata(), imported.preprocessing().toMetadata(), "read back as it was");
            try (var scope = GradMode.noGrad()) {
                assertMatches(expected, imported.model().forward(imported.preprocessing().apply(input)), "imported");
            }
            ModelProto anonymous = proto.toBuilder().clearMetadataProps().build();
            OnnxImport.Imported fromGraph = OnnxImport.parse(anonymous.toByteArray(), "anonymous.onnx");
            assertEquals(null, fromGraph.preprocessing(), "without the record, the scaling is a layer");
            assertTrue(fromGraph.model().layers().get(0) instanceof dev.dendrite.nn.Normalization);
            try (var scope = GradMode.noGrad()) {
                assertMatches(expected, fromGraph.model().forward(input), "from the graph alone");
            }
        }
    }

    @Test
    void theGeluOperatorIsUsedFromOpset20AndComposedBefore() {
        Sequential model = new Sequential(new GELU());
        assertEquals(List.of("Div", "Erf", "Add", "Mul", "Mul", "Identity"), opTypes(model, 17));
        assertEquals(List.of("Gelu", "Identity"), opTypes(model, 20));
    }

    @Test
    void denseIsOneGemmWithTheWeightAsStored() {
        Sequential model = new Sequential(new Dense(3, 2, new Random(1)));
        ModelProto proto = OnnxExport.toModel(model, new int[] {3}, OnnxExport.Options.defaults());
        assertEquals("Gemm", proto.getGraph().getNode(0).getOpType());
        assertEquals(List.of(3L, 2L), proto.getGraph().getInitializer(0).getDimsList());
        assertEquals("layers.0.weight", proto.getGraph().getInitializer(0).getName());
        assertEquals("batch", proto.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
    }

    @Test
    void metadataGoesIntoMetadataProps() {
        Sequential model = new Sequential(new Dense(2, 2, new Random(1)));
        ModelProto proto = OnnxExport.toModel(model, null, OnnxExport.Options.defaults()
                .withMetadata(Map.of("classes", "cat,dog", "normalization", "standardize")));
        Map<String, String> props = proto.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals(Map.of("classes", "cat,dog", "normalization", "standardize"), props);
        assertEquals(17, proto.getOpsetImport(0).getVersion());
    }

    @Test
    void aLayerWithNoConverterIsRefusedByName() {
        Module unknown = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toModel(
                new Sequential(new ReLU(), unknown), new int[] {2}, OnnxExport.Options.defaults()));
        assertTrue(error.getMessage().contains("layers.1") && error.getMessage().contains("Dense"), error.getMessage());
    }

    /** A layer the exporter does not know, made exportable by registering one converter: how conv layers join. */
    static final class Doubler extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input.mul(Tensor.scalar(2f));
        }
    }

    @Test
    void aNewLayerJoinsTheExporterWithOneConverter() throws Exception {
        OnnxConverters.register(Doubler.class, (layer, input, graph) -> graph.node("Mul", input.path(),
                new String[] {input.value(), graph.scalar(input.path() + ".two", 2f)}));
        Sequential model = new Sequential(new Dense(3, 4, new Random(5)), new Doubler(), new Tanh());
        Path file = directory.resolve("doubler.onnx");
        OnnxExport.save(model, new int[] {3}, file);
        Tensor input = Tensor.normal(6, 0f, 1f, 7, 3);
        Tensor expected;
        try (var scope = GradMode.noGrad()) {
            expected = model.forward(input);
        }
        try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(Files.readAllBytes(file))) {
            assertMatches(expected, runtime.run(input), "Dense, Doubler, Tanh");
        }
        assertTrue(OnnxConverters.supported().contains("Doubler"));
    }

    @Test
    void badShapesAndOpsetsAreRefused() {
        Sequential model = new Sequential(new Dense(3, 2, new Random(1)));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toModel(model, new int[] {4}, OnnxExport.Options.defaults()));
        assertTrue(wrong.getMessage().contains("[1, 4]"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.Options.defaults().withOpset(12));
        assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toModel(new Sequential(new ReLU()), null, OnnxExport.Options.defaults()));
    }

    private static List<String> opTypes(Sequential model, int opset) {
        return OnnxExport.toModel(model, new int[] {4}, OnnxExport.Options.defaults().withOpset(opset)).getGraph()
                .getNodeList().stream().map(node -> node.getOpType()).toList();
    }

}
