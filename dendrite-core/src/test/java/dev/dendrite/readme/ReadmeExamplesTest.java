package dev.dendrite.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Spiral;
import dev.dendrite.io.ModelFile;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of README.md, run as written. Each test's code is the README's code; the
 * first test checks that every line of both examples still appears in the README, so the two
 * cannot drift apart.
 */
class ReadmeExamplesTest {
    static final String LAYER_EXAMPLE = """
            float[] inputs = {4f, 9f, 2f, 1.3f, 5.6f};
            Dense layer = Dense.fromNeuronRows(new float[][] {
                    {0.78f, -0.34f, 0.7f, -0.2f, -0.11f},
                    {-0.24f, 1.24f, 0.43f, 0.04f, -0.3f},
                    {0.5f, 0.65f, -0.3f, 0.64f, 0.1f}},
                    new float[] {1.3f, -0.5f, 2.4f});
            Tensor output = new ReLU().forward(layer.forward(Tensor.vector(inputs)));
            System.out.println(output);  // tensor([1.884, 8.932, 11.04], shape=[3], requiresGrad=true)
            """;

    static final String TRAINING_EXAMPLE = """
            Dataset spiral = Spiral.generate(3, 100, 0.2, 7);   // 3 classes x 100 points, noise 0.2, seed 7
            Random random = new Random(42);
            Sequential model = new Sequential(
                    new Dense(2, 64, random), new ReLU(),
                    new Dense(64, 3, random));
            Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                    .epochs(300).batchSize(32).seed(42).build();
            trainer.fit(spiral);
            System.out.printf("training accuracy: %.3f%n", trainer.evaluate(spiral).accuracy());
            """;

    static final String PREDICT_EXAMPLE = """
            Sequential iris = ModelFile.load(Path.of("iris.safetensors")).model();
            float[] probabilities = iris.predictProba(new float[] {5.1f, 3.5f, 1.4f, 0.2f});  // raw measurements
            System.out.println(Arrays.toString(probabilities));
            System.out.println(iris.summary());
            """;

    static final String CNN_EXAMPLE = """
            Sequential cnn = LayerList.parse("mnist-cnn").build(new int[] {1, 28, 28}, new Random(1));
            System.out.println(cnn.summary(1, 28, 28));   // Conv2d(1, 32, ...) [N, 32, 26, 26] ... Dense(128 -> 10) [N, 10]
            """;

    @Test
    void theReadmeShowsExactlyTheseExamples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String example : new String[] {LAYER_EXAMPLE, TRAINING_EXAMPLE, PREDICT_EXAMPLE, CNN_EXAMPLE}) {
            for (String line : example.strip().split("\n")) {
                assertTrue(readme.contains(line), "README.md lacks the example line: " + line);
            }
        }
    }

    @Test
    void theLayerExampleGivesTheArticlesOutputs() {
        float[] inputs = {4f, 9f, 2f, 1.3f, 5.6f};
        Dense layer = Dense.fromNeuronRows(new float[][] {
                {0.78f, -0.34f, 0.7f, -0.2f, -0.11f},
                {-0.24f, 1.24f, 0.43f, 0.04f, -0.3f},
                {0.5f, 0.65f, -0.3f, 0.64f, 0.1f}},
                new float[] {1.3f, -0.5f, 2.4f});
        Tensor output = new ReLU().forward(layer.forward(Tensor.vector(inputs)));
        System.out.println(output);  // tensor([1.884, 8.932, 11.04], shape=[3], requiresGrad=true)
        assertArrayEquals(new float[] {1.884f, 8.932f, 11.042f}, output.toArray(), 1e-5f);
        assertEquals("tensor([1.884, 8.932, 11.04], shape=[3], requiresGrad=true)", output.toString());
    }

    @Test
    void theTrainingExampleLearnsTheSpiral() {
        Dataset spiral = Spiral.generate(3, 100, 0.2, 7);   // 3 classes x 100 points, noise 0.2, seed 7
        Random random = new Random(42);
        Sequential model = new Sequential(
                new Dense(2, 64, random), new ReLU(),
                new Dense(64, 3, random));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(300).batchSize(32).seed(42).build();
        trainer.fit(spiral);
        System.out.printf("training accuracy: %.3f%n", trainer.evaluate(spiral).accuracy());
        assertTrue(trainer.evaluate(spiral).accuracy() >= 0.97);
    }

    /** The README loads the file the iris command writes; here a committed iris model stands in for it. */
    @Test
    void thePredictExampleTakesRawMeasurements(@TempDir Path folder) throws Exception {
        Files.copy(Path.of(ReadmeExamplesTest.class.getResource("/fixtures/v1/iris-model.safetensors").toURI()),
                folder.resolve("iris.safetensors"));
        String previous = System.getProperty("user.dir");
        Sequential iris = ModelFile.load(folder.resolve("iris.safetensors")).model();
        float[] probabilities = iris.predictProba(new float[] {5.1f, 3.5f, 1.4f, 0.2f});  // raw measurements
        System.out.println(Arrays.toString(probabilities));
        System.out.println(iris.summary());
        assertEquals(3, probabilities.length);
        assertEquals(1.0, probabilities[0] + probabilities[1] + probabilities[2], 1e-5);
        assertTrue(iris.summary().startsWith("layer") && iris.summary().contains("Normalization(4)"), previous);
    }

    @Test
    void theCnnExampleListsItsShapes() {
        Sequential cnn = LayerList.parse("mnist-cnn").build(new int[] {1, 28, 28}, new Random(1));
        System.out.println(cnn.summary(1, 28, 28));   // Conv2d(1, 32, ...) [N, 32, 26, 26] ... Dense(128 -> 10) [N, 10]
        String table = cnn.summary(1, 28, 28);
        assertTrue(table.contains("[N, 32, 26, 26]") && table.contains("Dense(1600 -> 128)") && table.contains("[N, 10]"),
                table);
    }
}
