package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainerTest {
    private static final String MLP = "mlp:64-32-10:relu";

    @AfterAll
    static void stop() {
        SparkTesting.stop();
    }

    private static float[] sparkRun(Dataset data, int partitions, SparkTrainer.Mode mode, int epochs, int batch,
                                    int localSteps) {
        JavaSparkContext context = SparkTesting.local(2);
        Sequential model = SparkTesting.mlp(MLP, 5);
        TrainingData shards = SparkData.fromDataset(context, data, partitions);
        try {
            SparkTrainer.builder(model, "cross_entropy", "adam").learningRate(0.01).mode(mode).epochs(epochs)
                    .batchSize(batch).localSteps(localSteps).seed(11).build().fit(shards);
        } finally {
            shards.release();
        }
        return ModelVectors.weights(model);
    }

    private static float[] singleMachine(Dataset data, int epochs, int batch) {
        Sequential model = SparkTesting.mlp(MLP, 5);
        Trainer.builder(model, new CrossEntropy(), Optimizers.create("adam", model.parameters(), 0.01))
                .epochs(epochs).batchSize(batch).seed(11).build().fit(data);
        return ModelVectors.weights(model);
    }

    @Test
    void syncModeEqualsSingleMachineTrainingOnTheSameGlobalBatches() {
        Dataset data = SparkTesting.digits();
        float[] expected = singleMachine(data, 2, 100);
        float[] got = sparkRun(data, 3, SparkTrainer.Mode.SYNC, 2, 100, 1);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
        }
        assertTrue(worst < 2e-4f, "largest weight difference after 36 Adam steps: " + worst);
        float[] initial = ModelVectors.weights(SparkTesting.mlp(MLP, 5));
        float moved = 0;
        for (int i = 0; i < initial.length; i++) {
            moved = Math.max(moved, Math.abs(initial[i] - got[i]));
        }
        assertTrue(moved > 100 * worst, "training moved the weights by " + moved + " only");
    }

    @Test
    void aRunIsReproducibleBitForBit() {
        Dataset data = SparkTesting.head(SparkTesting.digits(), 300);
        assertArrayEquals(sparkRun(data, 2, SparkTrainer.Mode.SYNC, 1, 50, 1),
                sparkRun(data, 2, SparkTrainer.Mode.SYNC, 1, 50, 1));
        assertArrayEquals(sparkRun(data, 3, SparkTrainer.Mode.AVERAGE, 1, 20, 2),
                sparkRun(data, 3, SparkTrainer.Mode.AVERAGE, 1, 20, 2));
    }

    @Test
    void emptyPartitionsWork() {
        Dataset data = SparkTesting.head(SparkTesting.digits(), 5);
        float[] expected = singleMachine(data, 2, 4);
        float[] got = sparkRun(data, 8, SparkTrainer.Mode.SYNC, 2, 4, 1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-5f, "weight " + i);
        }
        // Averaging: partitions without rows sit out, so 1 row in each of 5 of 8 partitions trains.
        float[] averaged = sparkRun(data, 8, SparkTrainer.Mode.AVERAGE, 2, 4, 1);
        assertTrue(Float.isFinite(averaged[0]));
    }

    @Test
    void aRoundWhoseTasksKeepFailingIsOneLineNamingTheRound() {
        Dataset clean = SparkTesting.head(SparkTesting.digits(), 40);
        float[] features = clean.features().toArray();
        java.util.Arrays.fill(features, 0, 64, Float.MAX_VALUE);   // finite, but the loss overflows
        Dataset poisoned = Dataset.classification("poisoned", dev.dendrite.tensor.Tensor.of(features, 40, 64),
                clean.targets(), 10);
        TrainingData shards = SparkData.fromDataset(SparkTesting.local(2), poisoned, 2);
        SparkTrainer trainer = SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam")
                .batchSize(40).build();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> trainer.fit(shards));
        shards.release();
        assertTrue(e.getMessage().matches("round 1 failed after Spark's retries: training diverged: loss is "
                + "(NaN|Infinity); try a lower learning rate"), e.getMessage());
    }

    @Test
    void parameterAveragingLearnsDigits() {
        Dataset[] parts = SparkTesting.digits().split(0.8, 1);
        JavaSparkContext context = SparkTesting.local(2);
        Sequential model = SparkTesting.mlp(MLP, 5);
        TrainingData shards = SparkData.fromDataset(context, parts[0], 2);
        History history = SparkTrainer.builder(model, "cross_entropy", "adam").learningRate(0.01)
                .mode(SparkTrainer.Mode.AVERAGE).epochs(6).batchSize(32).localSteps(8).seed(3)
                .validation(parts[1]).build().fit(shards);
        shards.release();
        double accuracy = Evaluator.evaluate(model, new CrossEntropy(), parts[1], 256).accuracy();
        assertTrue(accuracy > 0.9, "validation accuracy " + accuracy);
        assertEquals(accuracy, history.last().get("val_accuracy"), 1e-12);
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedRun(@TempDir Path folder) throws Exception {
        Dataset data = SparkTesting.head(SparkTesting.digits(), 400);
        for (SparkTrainer.Mode mode : SparkTrainer.Mode.values()) {
            float[] uninterrupted = sparkRun(data, 2, mode, 2, 30, 2);
            JavaSparkContext context = SparkTesting.local(2);
            TrainingData shards = SparkData.fromDataset(context, data, 2);
            Path checkpoints = folder.resolve(mode.toString());
            Sequential first = SparkTesting.mlp(MLP, 5);
            SparkTrainer.builder(first, "cross_entropy", "adam").learningRate(0.01).mode(mode).epochs(1)
                    .batchSize(30).localSteps(2).seed(11).checkpoints(checkpoints, 3).build().fit(shards);
            Sequential resumed = SparkTesting.mlp(MLP, 99);
            History history = SparkTrainer.builder(resumed, "cross_entropy", "adam").learningRate(0.01).mode(mode)
                    .epochs(2).batchSize(30).localSteps(2).seed(11).checkpoints(checkpoints, 3).build()
                    .resume(shards, checkpoints);
            shards.release();
            assertArrayEquals(uninterrupted, ModelVectors.weights(resumed), mode.toString());
            assertEquals(2, history.size());
        }
    }
}
