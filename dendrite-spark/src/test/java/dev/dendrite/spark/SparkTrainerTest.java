package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.Checkpoints;
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
        // local[2] tries a task once: the first failure is Spark's limit.
        assertTrue(e.getMessage().matches("round 1 failed: Spark gave up on partition [01] after 1 attempt "
                + "\\(spark.task.maxFailures\\): training diverged: loss is (NaN|Infinity); try a lower learning rate"),
                e.getMessage());
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
            // Every 3 rounds: sync has 14 rounds an epoch, so the run stops 2 rounds after its last checkpoint.
            CheckpointPolicy policy = CheckpointPolicy.in(checkpoints).everyBatches(3).keep(2);
            Sequential first = SparkTesting.mlp(MLP, 5);
            SparkTrainer.builder(first, "cross_entropy", "adam").learningRate(0.01).mode(mode).epochs(1)
                    .batchSize(30).localSteps(2).seed(11).checkpoints(policy).build().fit(shards);
            Checkpoints.Saved saved = Checkpoints.latest(checkpoints, warning -> { });
            assertEquals(mode == SparkTrainer.Mode.SYNC ? 14 : 4, saved.progress().step(), mode.toString());
            assertEquals(mode.toString().toLowerCase(java.util.Locale.ROOT), saved.settings().get("mode"));
            Sequential resumed = SparkTesting.mlp(MLP, 99);
            History history = SparkTrainer.builder(resumed, "cross_entropy", "adam").learningRate(0.01).mode(mode)
                    .epochs(2).batchSize(30).localSteps(2).seed(11).checkpoints(policy).build()
                    .resume(shards, checkpoints);
            shards.release();
            assertArrayEquals(uninterrupted, ModelVectors.weights(resumed), mode.toString());
            assertEquals(2, history.size());
        }
    }

    @Test
    void aResumeInsideAnEpochContinuesItsRunningSums(@TempDir Path folder) throws Exception {
        Dataset data = SparkTesting.head(SparkTesting.digits(), 400);
        JavaSparkContext context = SparkTesting.local(2);
        TrainingData shards = SparkData.fromDataset(context, data, 2);
        History straight = SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam").learningRate(0.01)
                .epochs(1).batchSize(30).seed(11).build().fit(shards);
        Path checkpoints = folder.resolve("ck");
        // A run killed after round 9 of 14 leaves the checkpoint of round 9: rebuild that with a first run of 1 epoch
        // whose last checkpoint is inside it, then delete the end-of-run one.
        SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam").learningRate(0.01).epochs(1)
                .batchSize(30).seed(11).checkpoints(CheckpointPolicy.in(checkpoints).everyBatches(9).keep(5)).build()
                .fit(shards);
        java.nio.file.Files.delete(checkpoints.resolve("checkpoint-000000014.safetensors"));
        assertEquals(9, Checkpoints.latest(checkpoints, warning -> { }).progress().step());
        History resumed = SparkTrainer.builder(SparkTesting.mlp(MLP, 99), "cross_entropy", "adam").learningRate(0.01)
                .epochs(1).batchSize(30).seed(11).build().resume(shards, checkpoints);
        shards.release();
        assertEquals(straight.last().get("loss"), resumed.last().get("loss"));
        assertEquals(straight.last().get("accuracy"), resumed.last().get("accuracy"));
    }

    @Test
    void checkpointsAreTrainersFormatBothWays(@TempDir Path folder) throws Exception {
        Dataset data = SparkTesting.head(SparkTesting.digits(), 400);
        float[] expected = singleMachine(data, 2, 30);
        JavaSparkContext context = SparkTesting.local(2);
        TrainingData shards = SparkData.fromDataset(context, data, 3);
        // Spark's first epoch, then Trainer's second.
        Path spark = folder.resolve("spark");
        SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam").learningRate(0.01).epochs(1)
                .batchSize(30).seed(11).checkpoints(CheckpointPolicy.in(spark)).build().fit(shards);
        Sequential single = SparkTesting.mlp(MLP, 99);
        History history = Trainer.builder(single, new CrossEntropy(), Optimizers.create("adam", single.parameters(), 0.01))
                .epochs(2).batchSize(30).seed(11).build().resume(data, spark);
        assertEquals(2, history.size());
        assertClose(expected, ModelVectors.weights(single));
        // Trainer's first epoch, then Spark's second.
        Path trainer = folder.resolve("trainer");
        Sequential local = SparkTesting.mlp(MLP, 5);
        Trainer.builder(local, new CrossEntropy(), Optimizers.create("adam", local.parameters(), 0.01))
                .epochs(1).batchSize(30).seed(11).checkpoints(CheckpointPolicy.in(trainer)).build().fit(data);
        Sequential distributed = SparkTesting.mlp(MLP, 99);
        SparkTrainer.builder(distributed, "cross_entropy", "adam").learningRate(0.01).epochs(2).batchSize(30)
                .seed(11).build().resume(shards, trainer);
        assertClose(expected, ModelVectors.weights(distributed));
        // Parameter averaging's rounds are not Trainer's steps: its checkpoint is refused, naming the difference.
        Path averaged = folder.resolve("averaged");
        SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam").learningRate(0.01)
                .mode(SparkTrainer.Mode.AVERAGE).epochs(1).batchSize(30).seed(11)
                .checkpoints(CheckpointPolicy.in(averaged)).build().fit(shards);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy",
                        "adam").learningRate(0.01).epochs(2).batchSize(30).seed(11).build().resume(shards, averaged));
        shards.release();
        assertTrue(refused.getMessage().contains("expected a checkpoint of this run (sync mode, seed 11, batch 30, "
                + "400 rows, 14 rounds an epoch), got one of average mode, 1 local steps, 3 partitions"),
                refused.getMessage());
    }

    private static void assertClose(float[] expected, float[] got) {
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
        }
        assertTrue(worst < 2e-4f, "largest weight difference: " + worst);
    }
}
