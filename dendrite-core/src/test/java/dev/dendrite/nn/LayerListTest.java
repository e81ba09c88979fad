package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.Architecture;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerListTest {
    private static final String MNIST_CNN =
            "conv:32:3,relu,maxpool:2,conv:64:3,relu,maxpool:2,flatten,dense:128,relu,dropout:0.5,dense:10";

    @Test
    void theIssueListInfersEveryInputSizeFromTheImageShape() {
        Sequential model = LayerList.parse(MNIST_CNN).build(new int[] {1, 28, 28}, new Random(1));
        assertEquals("Sequential(\n"
                + "  (0): Conv2d(1, 32, kernel=3, stride=1, padding=0, dilation=1, bias=true)\n"
                + "  (1): ReLU()\n"
                + "  (2): MaxPool2d(kernel=2, stride=2, padding=0)\n"
                + "  (3): Conv2d(32, 64, kernel=3, stride=1, padding=0, dilation=1, bias=true)\n"
                + "  (4): ReLU()\n"
                + "  (5): MaxPool2d(kernel=2, stride=2, padding=0)\n"
                + "  (6): Flatten()\n"
                + "  (7): Dense(1600 -> 128)\n"
                + "  (8): ReLU()\n"
                + "  (9): Dropout(p=0.5)\n"
                + "  (10): Dense(128 -> 10)\n"
                + ")", model.toString());
        // 28 -conv3-> 26 -pool-> 13 -conv3-> 11 -pool-> 5: 64·5·5 = 1600 into the dense head.
        List<Shape> shapes = model.layerOutputShapes(Shape.of(64, 1, 28, 28));
        assertEquals(Shape.of(64, 64, 5, 5), shapes.get(5));
        assertEquals(Shape.of(64, 10), shapes.get(10));
        assertEquals(Shape.of(2, 10), model.forward(Tensor.zeros(2, 1, 28, 28)).shape());
        assertArrayEquals(new int[] {1, -1, -1}, model.sampleInputShape());
        assertEquals(320 + 18496 + 204928 + 1290, model.parameterCount());
    }

    @Test
    void presetsAreLists() {
        assertEquals(LayerList.parse(MNIST_CNN), LayerList.parse("mnist-cnn"));
        Sequential lenet = LayerList.parse("lenet5").build(new int[] {1, 28, 28}, new Random(1));
        assertEquals(Shape.of(3, 10), lenet.outputShape(Shape.of(3, 1, 28, 28)));
        // conv 6·(25+1) + conv 16·(150+1) + 400·120+120 + 120·84+84 + 84·10+10
        assertEquals(156 + 2416 + 48120 + 10164 + 850, lenet.parameterCount());
        assertTrue(LayerList.matches("lenet5") && LayerList.matches(MNIST_CNN) && LayerList.matches("dense:10,relu"));
        assertFalse(LayerList.matches("mlp:784-10:relu") || LayerList.matches("model.json"));
        assertTrue(LayerList.parse("lenet5").takesImages());
        assertFalse(LayerList.parse("dense:32,relu,dense:10").takesImages());
        assertFalse(LayerList.parse("reshape:1:28:28,conv:4:3").takesImages());
    }

    @Test
    void optionalArgumentsFollowTheConstructorsAndBatchNormPicksItsKind() {
        Sequential model = LayerList.parse("conv:8:3:1:same,batchnorm,relu,dropout2d:0.1,avgpool:2:1:1,"
                + "conv:4:3:1:1:2,globalavgpool,batchnorm,dense:3").build(new int[] {3, 9, 9}, new Random(2));
        assertEquals("Conv2d(3, 8, kernel=3, stride=1, padding=same, dilation=1, bias=true)",
                model.layers().get(0).toString());
        assertEquals("Conv2d(8, 4, kernel=3, stride=1, padding=1, dilation=2, bias=true)",
                model.layers().get(5).toString());
        assertTrue(model.layers().get(1) instanceof BatchNorm2d);
        assertTrue(model.layers().get(7) instanceof BatchNorm1d);
        assertEquals(Shape.of(5, 3), model.outputShape(Shape.of(5, 3, 9, 9)));
        // The same names are written in architecture JSON and read back.
        String json = Architecture.describe(model);
        assertEquals(model.toString(), Architecture.build(json, new Random(3)).toString());
    }

    @Test
    void aFlatInputBuildsAnMlpAndAReshapeTurnsItIntoImages() {
        Sequential mlp = LayerList.parse("dense:32,relu,dense:10").build(new int[] {784}, new Random(1));
        assertEquals("Dense(784 -> 32)", mlp.layers().get(0).toString());
        Sequential cnn = LayerList.parse("reshape:1:28:28,conv:4:3,relu,flatten,dense:10").build(new int[] {784},
                new Random(1));
        assertEquals(Shape.of(2, 10), cnn.forward(Tensor.zeros(2, 784)).shape());
    }

    @Test
    void errorsNameTheItemAndTheShapeFlowingIntoIt() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> LayerList.parse("conv:32:3,relu,dense:10").build(new int[] {1, 28, 28}, new Random(1)),
                "item 3 'dense:10'", "[32, 26, 26]", "flatten");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> LayerList.parse("conv:32:3,relu").build(new int[] {784}, new Random(1)),
                "item 1 'conv:32:3'", "[784]", "[N, C, H, W]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> LayerList.parse("conv:32:3,pool:2"), "'pool'");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> LayerList.parse("conv:32,relu").build(new int[] {1, 8, 8}, new Random(1)), "conv:OUT:K",
                "1 argument");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> LayerList.parse("conv:32:x,relu").build(new int[] {1, 8, 8}, new Random(1)), "'x'");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> LayerList.parse("lenet5").build(new int[] {1, 8, 8}, new Random(1)), "item 4", "[6, 4, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> LayerList.parse("conv:4:3,,relu"), "empty item");
    }

    /** Every item name the compact list had before layers declared their own forms still reads. */
    @Test
    void eachLayerDeclaresItsItemsAndEveryEarlierSpellingStillWorks() {
        List<String> names = BuiltInLayers.TYPES.stream().flatMap(type -> type.listForms().stream())
                .map(ListForm::name).toList();
        assertEquals(java.util.Set.of("conv", "maxpool", "avgpool", "globalavgpool", "flatten", "reshape", "dense",
                "batchnorm", "batchnorm1d", "batchnorm2d", "dropout", "dropout2d"), java.util.Set.copyOf(names));
        assertEquals(names.size(), java.util.Set.copyOf(names).size(), "no name declared twice: " + names);
        Sequential model = LayerList.parse("maxpool:2:2:1,conv:2:3,batchnorm2d,relu,dropout2d:0.2,avgpool:2,"
                + "reshape:-1,batchnorm1d,dropout:0.1,dense:4,tanh,flatten").build(new int[] {1, 12, 12}, new Random(4));
        assertEquals(List.of(MaxPool2d.class, Conv2d.class, BatchNorm2d.class, dev.dendrite.nn.activation.ReLU.class,
                Dropout2d.class, AvgPool2d.class, Reshape.class, BatchNorm1d.class, Dropout.class, Dense.class,
                dev.dendrite.nn.activation.Tanh.class, Flatten.class),
                model.layers().stream().map(Object::getClass).toList());
        assertEquals("MaxPool2d(kernel=2, stride=2, padding=1)", model.layers().get(0).toString());
        assertEquals("Dropout2d(p=0.2)", model.layers().get(4).toString());
        assertEquals(Shape.of(3, 4), model.outputShape(Shape.of(3, 1, 12, 12)));
        assertTrue(LayerList.parse("dropout2d:0.1,flatten").takesImages());
        assertFalse(LayerList.parse("batchnorm,dense:3").takesImages());
        assertThrowsMentioning(IllegalArgumentException.class, () -> LayerList.parse("dropout:x,dense:3")
                .build(new int[] {4}, new Random(1)), "a probability", "'x'");
        assertThrowsMentioning(IllegalArgumentException.class, () -> LayerList.parse("relu:2,dense:3")
                .build(new int[] {4}, new Random(1)), "relu", "1 argument");
        assertThrowsMentioning(IllegalArgumentException.class, () -> LayerList.parse("dense:3,pool:2"),
                "'pool'", "conv", "dropout2d");
    }

    @Test
    void theBatchNormPresetPutsBatchNormAfterEachConvolution() {
        Sequential model = LayerList.parse("mnist-cnn-bn").build(new int[] {1, 28, 28}, new Random(1));
        assertTrue(model.layers().get(1) instanceof BatchNorm2d && model.layers().get(5) instanceof BatchNorm2d,
                model.toString());
        assertEquals(Shape.of(2, 10), model.outputShape(Shape.of(2, 1, 28, 28)));
    }

    @Test
    void theSameSeedBuildsTheSameWeights() {
        Sequential a = LayerList.parse("mnist-cnn").build(new int[] {1, 28, 28}, new Random(7));
        Sequential b = LayerList.parse("mnist-cnn").build(new int[] {1, 28, 28}, new Random(7));
        a.namedParameters().forEach((name, tensor) ->
                assertArrayEquals(tensor.data(), b.namedParameters().get(name).data(), name));
    }
}
