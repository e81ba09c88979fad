package dev.dendrite.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Spiral;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

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

    @Test
    void theReadmeShowsExactlyTheseExamples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String example : new String[] {LAYER_EXAMPLE, TRAINING_EXAMPLE}) {
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
}
