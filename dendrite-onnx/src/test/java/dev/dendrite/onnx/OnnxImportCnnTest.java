package dev.dendrite.onnx;

import static dev.dendrite.onnx.OutputAssert.assertMatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.BatchNorm;
import dev.dendrite.nn.BatchNorm2d;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.OnnxExportTest.Case;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Image layers, batch norm and scaling read back from ONNX: round trips, folded batch norm, refusals. */
class OnnxImportCnnTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.dendrite.onnx.OnnxExportCnnTest#cases")
    void aRoundTripGivesBitIdenticalOutputs(Case testCase) throws Exception {
        Sequential model = testCase.model().apply(new Random(5));
        model.eval();
        ModelProto file = OnnxExport.toModel(model, testCase.sample(), OnnxExport.Options.defaults());
        OnnxImport.Imported imported = OnnxImport.parse(file.toByteArray(), testCase.name());
        Sequential back = imported.model();
        back.eval();
        for (int batch : new int[] {1, 7}) {
            int[] dims = new int[testCase.sample().length + 1];
            dims[0] = batch;
            System.arraycopy(testCase.sample(), 0, dims, 1, testCase.sample().length);
            Tensor input = Tensor.normal(batch, 0f, 2f, dims);
            int[] taken = new int[imported.sampleShape().length + 1];
            taken[0] = batch;
            System.arraycopy(imported.sampleShape(), 0, taken, 1, imported.sampleShape().length);
            try (var scope = GradMode.noGrad()) {
                Tensor expected = model.forward(input);
                Tensor actual = back.forward(input.reshape(taken));
                assertArrayEquals(expected.shape().dims(), actual.shape().dims(), testCase.name());
                assertArrayEquals(expected.data(), actual.data(), testCase.name() + ", batch " + batch);
            }
        }
    }

    @Test
    void aCnnComesBackWithBitIdenticalWeightsBuffersAndStructure() throws Exception {
        Sequential model = OnnxExportCnnTest.cnn(new Random(3));
        Sequential scaled = new Sequential(OnnxExportCnnTest.normalization(784, new Random(4)),
                new Conv2d(1, 1, 3, 1, 1, 1, true, new Random(5)),
                OnnxExportCnnTest.trained(new BatchNorm2d(1), new Random(6), 1, 28, 28), model);
        scaled.eval();
        Sequential back = OnnxImport.parse(OnnxExport.toModel(scaled, new int[] {1, 28, 28},
                OnnxExport.Options.defaults()).toByteArray(), "cnn").model();
        Sequential flat = new Sequential(scaled.layers().subList(0, 3).toArray(new Module[0]));
        model.layers().forEach(flat::add);
        assertEquals(flat.toString(), back.toString());
        assertEquals(flat.namedParameters().keySet(), back.namedParameters().keySet());
        for (Map.Entry<String, Tensor> entry : flat.namedParameters().entrySet()) {
            assertArrayEquals(entry.getValue().data(), back.namedParameters().get(entry.getKey()).data(), entry.getKey());
        }
        for (Map.Entry<String, Tensor> entry : flat.namedBuffers().entrySet()) {
            assertArrayEquals(entry.getValue().data(), back.namedBuffers().get(entry.getKey()).data(), entry.getKey());
        }
    }

    /** PyTorch folds eval-mode batch norm into the convolution before it: that is a Conv with a bias. */
    @Test
    void aConvWithBatchNormFoldedInReadsAsOneConv() throws Exception {
        Random random = new Random(8);
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, 1, false, random);
        BatchNorm bn = OnnxExportCnnTest.trained(new BatchNorm2d(4), random, 4, 6, 6);
        Sequential reference = new Sequential(conv, bn);
        reference.eval();
        float[] w = conv.weight().data().clone();
        float[] b = new float[4];
        int perChannel = w.length / 4;
        for (int c = 0; c < 4; c++) {
            double factor = bn.weight().data()[c] / Math.sqrt(bn.runningVar().data()[c] + bn.eps());
            for (int i = 0; i < perChannel; i++) {
                w[c * perChannel + i] = (float) (w[c * perChannel + i] * factor);
            }
            b[c] = (float) (bn.bias().data()[c] - bn.runningMean().data()[c] * factor);
        }
        Sequential folded = new Sequential(new Conv2d(Tensor.wrap(w, 4, 3, 3, 3), Tensor.wrap(b, 4), 1, 1, 1));
        ModelProto file = OnnxExport.toModel(folded, new int[] {3, 6, 6}, OnnxExport.Options.defaults());
        Sequential back = OnnxImport.parse(file.toByteArray(), "folded").model();
        assertEquals(1, back.layers().size());
        assertTrue(back.layers().get(0) instanceof Conv2d);
        Tensor input = Tensor.normal(1, 0f, 1f, 7, 3, 6, 6);
        try (var scope = GradMode.noGrad()) {
            assertMatches(reference.forward(input), back.forward(input), "folded batch norm");
        }
    }

    /** PyTorch writes AvgPool2d as Pad then AveragePool without pads; a zero pad is nothing. */
    @Test
    void aPadBeforeAnAveragePoolIsItsPadding() throws Exception {
        for (int padding : new int[] {0, 1}) {
            Sequential model = new Sequential(new dev.dendrite.nn.AvgPool2d(3, 2, padding));
            ModelProto.Builder file = OnnxExport.toModel(model, new int[] {2, 7, 7}, OnnxExport.Options.defaults())
                    .toBuilder();
            var graph = file.getGraphBuilder();
            NodeProto.Builder pool = graph.getNodeBuilder(0);
            String input = pool.getInput(0);
            pool.setInput(0, "padded");
            pool.removeAttribute(pool.getAttributeList().stream().map(a -> a.getName()).toList().indexOf("pads"));
            graph.addInitializer(dev.dendrite.onnx.proto.Onnx.TensorProto.newBuilder().setName("pads").addDims(8)
                    .setDataType(dev.dendrite.onnx.proto.Onnx.TensorProto.DataType.INT64_VALUE)
                    .addAllInt64Data(java.util.List.of(0L, 0L, (long) padding, (long) padding, 0L, 0L, (long) padding,
                            (long) padding)));
            graph.addNode(0, NodeProto.newBuilder().setOpType("Pad").setName("pad").addInput(input).addInput("pads")
                    .addOutput("padded"));
            Sequential back = OnnxImport.parse(file.build().toByteArray(), "pad").model();
            assertEquals(model.toString(), back.toString());
            Tensor x = Tensor.normal(2, 0f, 1f, 3, 2, 7, 7);
            try (var scope = GradMode.noGrad()) {
                assertArrayEquals(model.forward(x).data(), back.forward(x).data());
            }
        }
    }

    @Test
    void settingsDendriteLacksAreRefusedNamingTheNode() {
        ModelProto conv = OnnxExport.toModel(new Sequential(new Conv2d(2, 4, 3, new Random(1))), new int[] {2, 5, 5},
                OnnxExport.Options.defaults());
        assertRefused(withAttribute(conv, "Conv", GraphBuilder.intAttribute("group", 2)), "group 1");
        ModelProto pool = OnnxExport.toModel(new Sequential(new dev.dendrite.nn.AvgPool2d(3, 2, 1)),
                new int[] {2, 5, 5}, OnnxExport.Options.defaults());
        ModelProto excluding = withAttribute(pool, "AveragePool", GraphBuilder.intAttribute("count_include_pad", 0));
        assertRefused(excluding, "count_include_pad 1");
        assertRefused(withAttribute(pool, "AveragePool", GraphBuilder.intAttribute("ceil_mode", 1)), "ceil_mode 0");
        assertRefused(withAttribute(conv, "Conv", GraphBuilder.intsAttribute("pads", 0, 1, 0, 1)), "equal pads");
    }

    private static void assertRefused(ModelProto file, String expected) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> OnnxImport.parse(file.toByteArray(), "bad.onnx"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.onnx: node "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** {@code file} with {@code attribute} set (replacing one of the same name) on the first node of {@code opType}. */
    private static ModelProto withAttribute(ModelProto file, String opType,
            dev.dendrite.onnx.proto.Onnx.AttributeProto attribute) {
        ModelProto.Builder builder = file.toBuilder();
        for (NodeProto.Builder node : builder.getGraphBuilder().getNodeBuilderList()) {
            if (node.getOpType().equals(opType)) {
                for (int i = node.getAttributeCount() - 1; i >= 0; i--) {
                    if (node.getAttribute(i).getName().equals(attribute.getName())) {
                        node.removeAttribute(i);
                    }
                }
                node.addAttribute(attribute);
                break;
            }
        }
        return builder.build();
    }
}
