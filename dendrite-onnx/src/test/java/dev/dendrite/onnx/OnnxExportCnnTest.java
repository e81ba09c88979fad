package dev.dendrite.onnx;

import static dev.dendrite.onnx.OutputAssert.assertMatches;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.AvgPool2d;
import dev.dendrite.nn.BatchNorm;
import dev.dendrite.nn.BatchNorm1d;
import dev.dendrite.nn.BatchNorm2d;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout2d;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.GlobalAvgPool2d;
import dev.dendrite.nn.MaxPool2d;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Reshape;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.onnx.OnnxExportTest.Case;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The image, reshaping, batch-norm and scaling layers, and small CNNs, run in ONNX Runtime against Dendrite. */
class OnnxExportCnnTest {
    private static final int[] BATCH_SIZES = {1, 7, 64};

    @TempDir
    Path directory;

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int[] image = {3, 9, 11};
        cases.add(new Case("Normalization on rows", random -> new Sequential(normalization(6, random)),
                new int[] {6}));
        cases.add(new Case("Normalization on images", random -> new Sequential(normalization(3 * 9 * 11, random)),
                image));
        cases.add(new Case("Conv2d", random -> new Sequential(new Conv2d(3, 4, 3, random)), image));
        cases.add(new Case("Conv2d stride 2, padding 1, dilation 2, no bias",
                random -> new Sequential(new Conv2d(3, 5, 3, 2, 1, 2, false, random)), image));
        cases.add(new Case("Conv2d same, even kernel", random -> new Sequential(new Conv2d(3, 2, 4, 1, "same", 1,
                true, dev.dendrite.nn.init.He.uniform(), random)), image));
        cases.add(new Case("MaxPool2d", random -> new Sequential(new MaxPool2d(2)), image));
        cases.add(new Case("MaxPool2d 3, stride 2, padding 1", random -> new Sequential(new MaxPool2d(3, 2, 1)), image));
        cases.add(new Case("AvgPool2d", random -> new Sequential(new AvgPool2d(2)), image));
        cases.add(new Case("AvgPool2d 3, stride 2, padding 1", random -> new Sequential(new AvgPool2d(3, 2, 1)), image));
        cases.add(new Case("GlobalAvgPool2d", random -> new Sequential(new GlobalAvgPool2d()), image));
        cases.add(new Case("Flatten", random -> new Sequential(new Flatten()), image));
        cases.add(new Case("Reshape", random -> new Sequential(new Reshape(9, -1)), image));
        cases.add(new Case("Reshape rows to images", random -> new Sequential(new Reshape(1, 4, 5),
                new Conv2d(1, 2, 3, random)), new int[] {20}));
        cases.add(new Case("BatchNorm1d", random -> new Sequential(trained(new BatchNorm1d(6, 1e-3f, 0.1f), random,
                6)), new int[] {6}));
        cases.add(new Case("BatchNorm1d on [N, C, L]", random -> new Sequential(trained(new BatchNorm1d(4), random,
                4, 5)), new int[] {4, 5}));
        cases.add(new Case("BatchNorm2d", random -> new Sequential(trained(new BatchNorm2d(3), random, 3, 9, 11)),
                image));
        cases.add(new Case("Dropout2d", random -> new Sequential(new Conv2d(3, 2, 3, random),
                new Dropout2d(0.5, random)), image));
        cases.add(new Case("CNN", OnnxExportCnnTest::cnn, new int[] {1, 28, 28}));
        cases.add(new Case("CNN with scaling, batch norm, same padding, average pooling", random -> new Sequential(
                normalization(784, random), new Conv2d(1, 4, 3, 1, "same", 1, false, dev.dendrite.nn.init.He.uniform(),
                random), trained(new BatchNorm2d(4), random, 4, 28, 28), new ReLU(), new AvgPool2d(2),
                new Conv2d(4, 6, 3, 2, 1, 1, true, random), new ReLU(), new GlobalAvgPool2d(), new Dense(6, 10, random)),
                new int[] {1, 28, 28}));
        return cases.stream();
    }

    /** conv, relu, maxpool, conv, relu, maxpool, flatten, dense. */
    static Sequential cnn(Random random) {
        return new Sequential(new Conv2d(1, 6, 5, random), new ReLU(), new MaxPool2d(2), new Conv2d(6, 8, 3, random),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Dense(8 * 5 * 5, 10, random));
    }

    static Normalization normalization(int features, Random random) {
        float[] offset = new float[features];
        float[] scale = new float[features];
        for (int j = 0; j < features; j++) {
            offset[j] = (float) random.nextGaussian() * 3;
            scale[j] = j % 5 == 0 ? 0f : 0.5f + random.nextFloat() * 4;
        }
        return new Normalization(offset, scale);
    }

    /** A batch norm with γ, β and running statistics away from their initial values. */
    static BatchNorm trained(BatchNorm layer, Random random, int... sample) {
        float[] gamma = layer.weight().data();
        float[] beta = layer.bias().data();
        for (int c = 0; c < gamma.length; c++) {
            gamma[c] = 0.5f + random.nextFloat();
            beta[c] = (float) random.nextGaussian();
        }
        int[] dims = new int[sample.length + 1];
        dims[0] = 8;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        for (int step = 0; step < 3; step++) {
            try (var scope = GradMode.noGrad()) {
                layer.forward(Tensor.normal(random.nextLong(), 1.5f, 3f, dims));
            }
        }
        return layer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxRuntimeComputesWhatDendriteComputes(Case testCase) throws Exception {
        Sequential model = testCase.model().apply(new Random(11));
        model.eval();
        for (int opset : new int[] {13, 17, 18}) {
            Path file = directory.resolve("model-" + opset + ".onnx");
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
    }
}
