package dev.dendrite.onnx;

import static dev.dendrite.onnx.OutputAssert.assertMatches;
import static dev.dendrite.onnx.TestGraphs.ints;
import static dev.dendrite.onnx.TestGraphs.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
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
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Import: Dendrite's own files round trip exactly; other exporters' patterns match ONNX Runtime; the rest is refused. */
class OnnxImportTest {
    @TempDir
    Path directory;

    static Sequential everyLayer(Random random) {
        return new Sequential(new Dense(12, 16, random), new ReLU(), new Dense(16, 16, random), new LeakyReLU(0.2f),
                new ELU(0.5f), new Tanh(), new Dropout(0.3, random), new Dense(16, 16, random), new Sigmoid(),
                new Softplus(), new GELU(), new GELU(GELU.Approximation.TANH), new SiLU(), new Identity(),
                new Dense(16, 8, random), new BinaryStep(true), new Dense(8, 5, random), new Softmax());
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17, 18, 20})
    void dendriteToOnnxToDendriteKeepsEveryBit(int opset) throws Exception {
        Sequential original = everyLayer(new Random(3));
        original.eval();
        Path file = directory.resolve("model.onnx");
        OnnxExport.save(original, new int[] {12}, file, new OnnxExport.Options(opset, Map.of("classes", "a,b,c,d,e")));
        OnnxImport.Imported imported = OnnxImport.read(file);
        Sequential copy = imported.model();

        List<Module> kept = original.layers().stream()
                .filter(layer -> !(layer instanceof Dropout) && !(layer instanceof Identity)).toList();
        assertEquals(kept.size(), copy.layers().size(), copy.toString());
        for (int i = 0; i < kept.size(); i++) {
            Module expected = kept.get(i);
            Module actual = copy.layers().get(i);
            assertEquals(expected.getClass(), actual.getClass(), "layer " + i);
            if (expected instanceof Dense dense) {
                assertBits(dense.weight(), ((Dense) actual).weight());
                assertBits(dense.bias(), ((Dense) actual).bias());
            } else if (!(expected instanceof BinaryStep)) {
                assertEquals(expected.toString(), actual.toString(), "layer " + i);
            }
        }
        Tensor input = Tensor.normal(5, 0f, 2f, 64, 12);
        try (var scope = GradMode.noGrad()) {
            assertBits(original.forward(input), copy.forward(input));
        }
        assertEquals(Map.of("classes", "a,b,c,d,e"), imported.metadata());
        assertArrayEquals(new int[] {12}, imported.sampleShape());
        assertEquals(opset, imported.opset());
    }

    /** PyTorch's forms: Shape/Gather/Unsqueeze/Concat/Reshape flatten, Gemm transB=1, MatMul+Add, GELU by Erf. */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17, 18})
    void pytorchStyleMlpMatchesOnnxRuntime(int opset) throws Exception {
        TestGraphs g = new TestGraphs(opset);
        String shape = g.node("Shape", list("x"));
        String batch = g.node("Gather", list(shape, g.constantScalarLong(0)), ints("axis", 0));
        String rows = g.node("Unsqueeze", list(batch, g.constantLongs(0)));
        String target = g.node("Concat", list(rows, g.constantLongs(-1)), ints("axis", 0));
        String flat = g.node("Reshape", list("x", target));
        String h = g.node("Gemm", list(flat, g.weight(true, 8, 6), g.weight(true, 8)), ints("transB", 1),
                GraphBuilder.floatAttribute("alpha", 1f));
        h = g.node("Relu", list(h));
        h = g.node("Add", list(g.weight(false, 5), g.node("MatMul", list(h, g.weight(false, 8, 5)))));
        // GELU as torch.onnx writes it below opset 20: mul(mul(x, add(erf(div(x, sqrt2)), 1)), 0.5)
        String erf = g.node("Erf", list(g.node("Div", list(h, g.constantScalar(1.4142135f)))));
        String gelu = g.node("Mul", list(g.node("Mul", list(h, g.node("Add", list(erf, g.constantScalar(1f))))),
                g.constantScalar(0.5f)));
        String out = g.node("Gemm", list(gelu, g.weight(false, 3, 5), g.weight(true, 3)), ints("transB", 1));
        checkAgainstRuntime(g.model(opset, out, 1, 2, 3), new int[] {1, 2, 3},
                List.of(Dense.class, ReLU.class, Dense.class, GELU.class, Dense.class));
    }

    /** A Flatten node, PyTorch's GELU tanh form, SiLU as Sigmoid and Mul, Softmax, Dropout and Identity. */
    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17, 18})
    void flattenGeluTanhSiluAndSoftmaxMatchOnnxRuntime(int opset) throws Exception {
        TestGraphs g = new TestGraphs(100 + opset);
        String flat = g.node("Flatten", list("x"), ints("axis", 1));
        String h = g.node("Gemm", list(flat, g.weight(true, 6, 7), g.weight(false, 7)));
        // 0.5 * (x * (1 + tanh(beta * (x + kappa * x^3)))), operands in torch.onnx's order
        String cube = g.node("Mul", list(h, g.node("Mul", list(h, h))));
        String inner = g.node("Mul", list(g.constantScalar(0.7978846f), g.node("Add", list(h,
                g.node("Mul", list(g.constantScalar(0.044715f), cube))))));
        String tanh = g.node("Add", list(g.constantScalar(1f), g.node("Tanh", list(inner))));
        h = g.node("Mul", list(g.constantScalar(0.5f), g.node("Mul", list(h, tanh))));
        h = g.node("Mul", list(h, g.node("Sigmoid", list(h))));
        h = g.node("Dropout", list(h));
        h = g.node("Identity", list(h));
        h = g.node("Gemm", list(h, g.weight(true, 4, 7), g.weight(true, 4)), ints("transB", 1));
        String out = g.node("Softmax", list(h), ints("axis", -1));
        checkAgainstRuntime(g.model(opset, out, 2, 3), new int[] {2, 3},
                List.of(Dense.class, GELU.class, SiLU.class, Dense.class, Softmax.class));
    }

    @Test
    void aReshapeToAConstantShapeAndTheGeluOperatorAreRead() throws Exception {
        TestGraphs g = new TestGraphs(9);
        String flat = g.node("Reshape", list("x", g.constantLongs(0, -1)));
        String h = g.node("MatMul", list(flat, g.weight(true, 4, 3)));
        String out = g.node("Gelu", list(h), GraphBuilder.stringAttribute("approximate", "tanh"));
        checkAgainstRuntime(g.model(20, out, 2, 2), new int[] {2, 2}, List.of(Dense.class, GELU.class));
    }

    private void checkAgainstRuntime(ModelProto proto, int[] sample, List<Class<?>> layers) throws Exception {
        Path file = directory.resolve("pattern.onnx");
        Files.write(file, proto.toByteArray());
        OnnxImport.Imported imported = OnnxImport.read(file);
        assertEquals(layers, imported.model().layers().stream().map(Object::getClass).toList(),
                imported.model().toString());
        assertArrayEquals(sample, imported.inputShape());
        int features = imported.sampleShape()[0];
        try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(proto.toByteArray())) {
            for (int batch : new int[] {1, 7, 64}) {
                int[] dims = new int[sample.length + 1];
                dims[0] = batch;
                System.arraycopy(sample, 0, dims, 1, sample.length);
                Tensor input = Tensor.normal(batch, 0f, 2f, dims);
                Tensor actual;
                try (var scope = GradMode.noGrad()) {
                    actual = imported.model().forward(input.reshape(batch, features));
                }
                assertMatches(runtime.run(input), actual, "batch " + batch);
            }
        }
    }

    @Test
    void initializersListedAsGraphInputsAreNotTakenForTheInput() throws Exception {
        Sequential model = new Sequential(new Dense(4, 3, new Random(8)), new ReLU());
        ModelProto proto = OnnxExport.toModel(model, null, OnnxExport.Options.defaults());
        ModelProto.Builder old = proto.toBuilder();
        for (TensorProto initializer : proto.getGraph().getInitializerList()) {
            old.getGraphBuilder().addInput(TestGraphs.valueInfo(initializer.getName(), 1));
        }
        Path file = directory.resolve("inputs.onnx");
        Files.write(file, old.build().toByteArray());
        Tensor input = Tensor.normal(2, 0f, 1f, 5, 4);
        try (var scope = GradMode.noGrad()) {
            assertBits(model.forward(input), OnnxImport.load(file).forward(input));
        }
    }

    @Test
    void anUnsupportedOperatorIsRefusedByTypeAndName() throws Exception {
        TestGraphs g = new TestGraphs(1);
        String out = g.node("Gemm", list(g.node("HardSwish", list("x")), g.weight(true, 3, 2)));
        String message = refusal(g.model(17, out, 3));
        assertTrue(message.contains("'hardswish_0' (HardSwish)") && message.contains("supported: Gemm"), message);
    }

    @Test
    void aGraphWithABranchIsRefused() throws Exception {
        TestGraphs g = new TestGraphs(1);
        String out = g.node("Add", list(g.node("Relu", list("x")), g.node("Tanh", list("x"))));
        String message = refusal(g.model(17, out, 3));
        assertTrue(message.contains("not a chain") || message.contains("not supported"), message);
        TestGraphs skip = new TestGraphs(1);
        String h = skip.node("Relu", list("x"));
        String sum = skip.node("Add", list(h, skip.node("Tanh", list(h))));
        assertTrue(refusal(skip.model(17, sum, 3)).contains("not a chain"));
    }

    @Test
    void anInitializerWhoseShapeDisagreesWithTheGraphIsRefused() throws Exception {
        TestGraphs g = new TestGraphs(1);
        String out = g.node("Gemm", list("x", g.weight(true, 5, 8), g.weight(true, 5)), ints("transB", 1));
        String message = refusal(g.model(17, out, 6));
        assertTrue(message.contains("[5, 8]") && message.contains("6"), message);
        TestGraphs bias = new TestGraphs(1);
        String wrongBias = bias.node("Gemm", list("x", bias.weight(true, 6, 4), bias.weight(true, 3)));
        assertTrue(refusal(bias.model(17, wrongBias, 6)).contains("bias"));
    }

    @Test
    void aHugeDeclaredTensorIsRefusedBeforeAllocating() throws Exception {
        TestGraphs g = new TestGraphs(1);
        g.initializer(TestGraphs.floats("huge", new float[] {1f}, true, 100_000, 100_000));
        String out = g.node("MatMul", list("x", "huge"));
        String message = refusal(g.model(17, out, 100_000));
        assertTrue(message.contains("elements"), message);
        TestGraphs listed = new TestGraphs(1);
        listed.initializer(TestGraphs.floats("big", new float[] {1f, 2f}, false, 40_000, 50_000));
        assertTrue(refusal(listed.model(17, listed.node("MatMul", list("x", "big")), 40_000)).contains("float_data"));
    }

    @Test
    void anUnknownDataTypeIsRefused() throws Exception {
        TestGraphs g = new TestGraphs(1);
        g.initializer(TestGraphs.floats("w", new float[] {1f, 2f}, true, 2, 1).toBuilder().setDataType(99).build());
        String message = refusal(g.model(17, g.node("MatMul", list("x", "w")), 2));
        assertTrue(message.contains("unknown data type 99"), message);
        TestGraphs external = new TestGraphs(1);
        external.initializer(TestGraphs.floats("w", new float[] {1f, 2f}, true, 2, 1).toBuilder()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).build());
        assertTrue(refusal(external.model(17, external.node("MatMul", list("x", "w")), 2)).contains("external"));
    }

    @Test
    void unsupportedOpsetsAreRefused() throws Exception {
        TestGraphs g = new TestGraphs(1);
        assertTrue(refusal(g.model(11, g.node("Relu", list("x")), 2)).contains("opset 13 to 22"));
    }

    @Test
    void damagedFilesAreRefusedWithOneLine() throws Exception {
        Sequential model = everyLayer(new Random(4));
        byte[] valid = OnnxExport.toModel(model, null, OnnxExport.Options.defaults()).toByteArray();
        Path file = directory.resolve("damaged.onnx");
        for (byte[] bytes : List.of(java.util.Arrays.copyOf(valid, valid.length / 2), new byte[] {1, 2, 3, 4, 5},
                "not an onnx file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0])) {
            Files.write(file, bytes);
            OnnxFormatException error = assertThrows(OnnxFormatException.class, () -> OnnxImport.load(file));
            assertTrue(error.getMessage().startsWith(file.toString()) && !error.getMessage().contains("\n"),
                    error.getMessage());
        }
    }

    private String refusal(ModelProto proto) throws Exception {
        Path file = directory.resolve("refused.onnx");
        Files.write(file, proto.toByteArray());
        OnnxFormatException error = assertThrows(OnnxFormatException.class, () -> OnnxImport.load(file));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        return error.getMessage();
    }

    private static void assertBits(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape().dims(), actual.shape().dims());
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "element " + i);
        }
    }
}
