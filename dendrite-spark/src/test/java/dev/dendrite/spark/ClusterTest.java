package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a real standalone cluster: a master, two workers and two executor JVMs on this
 * machine. The test that loses a worker for good runs last, as it leaves the cluster's executors
 * restarted.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private static final String MLP = "mlp:64-32-10:relu";
    private static JavaSparkContext context;

    @BeforeAll
    static void startCluster() throws Exception {
        context = ClusterTesting.start();
        // Wait for both executors to register, so the partitions really are spread over two JVMs.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (context.sc().getExecutorMemoryStatus().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(2, ClusterTesting.executors().size(), "executor JVMs started by the two workers");
    }

    @AfterAll
    static void stopCluster() {
        SparkTesting.stop();
    }

    @Test
    @Order(1)
    void trainsDigitsFromParquetToTheAccuracyOfOneMachine(@TempDir Path folder) {
        Dataset[] parts = SparkTesting.digits().split(0.8, 1);
        String parquet = folder.resolve("digits.parquet").toString();
        SparkData.toFrame(SparkTesting.session(), parts[0]).repartition(2).write().parquet(parquet);
        org.apache.spark.sql.Dataset<Row> frame = SparkData.readParquet(SparkTesting.session(), parquet);
        TrainingData data = SparkData.fromFrame(frame, SparkData.FEATURES, SparkData.LABEL, 64, 10, 2);
        Sequential distributed = SparkTesting.mlp(MLP, 5);
        SparkTrainer.builder(distributed, "cross_entropy", "adam").learningRate(0.01).epochs(4).batchSize(64).seed(2)
                .build().fit(data);
        data.release();
        Sequential single = SparkTesting.mlp(MLP, 5);
        Trainer.builder(single, new CrossEntropy(), Optimizers.create("adam", single.parameters(), 0.01))
                .epochs(4).batchSize(64).seed(2).build().fit(parts[0]);
        double spark = Evaluator.evaluate(distributed, new CrossEntropy(), parts[1], 256).accuracy();
        double local = Evaluator.evaluate(single, new CrossEntropy(), parts[1], 256).accuracy();
        assertTrue(local > 0.9, "single-machine accuracy " + local);
        assertEquals(local, spark, 0.01, "validation accuracy, cluster against one machine");
    }

    @Test
    @Order(2)
    void losingAnExecutorMidTrainingChangesNoBit() throws Exception {
        Dataset data = SparkTesting.digits();
        float[] uninterrupted = train(data, null);
        AtomicInteger killed = new AtomicInteger();
        float[] interrupted = train(data, line -> {
            if (line.startsWith("epoch 1 ")) {
                Thread killer = new Thread(() -> {
                    sleep(300);
                    List<ProcessHandle> executors = ClusterTesting.executors();
                    if (!executors.isEmpty() && executors.get(0).destroyForcibly()) {
                        killed.incrementAndGet();
                    }
                });
                killer.start();
            }
        });
        assertEquals(1, killed.get(), "executor JVMs killed");
        assertArrayEquals(uninterrupted, interrupted);
    }

    @Test
    @Order(3)
    void aWorkerLostForGoodStopsTheRunAtSparksRetryLimitInOneLine() {
        TrainingData healthy = SparkData.fromDataset(context, SparkTesting.head(SparkTesting.digits(), 200), 2);
        // Every attempt of partition 1 ends its executor's JVM, as a machine that keeps dying would.
        TrainingData dying = new TrainingData(haltingOnPartition(healthy.shards, 1), healthy.offsets,
                healthy.sampleShape, healthy.classNames, healthy::release);
        SparkTrainer trainer = SparkTrainer.builder(SparkTesting.mlp(MLP, 5), "cross_entropy", "adam").batchSize(50)
                .build();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> trainer.fit(dying));
        dying.release();
        // ClusterTesting allows 4 attempts a task (spark.task.maxFailures).
        assertTrue(e.getMessage().matches("round 1 failed: Spark gave up on partition 1 after 4 attempts "
                + "\\(spark.task.maxFailures\\): ExecutorLostFailure \\(executor \\d+ exited.*"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static org.apache.spark.api.java.JavaRDD<Shard> haltingOnPartition(
            org.apache.spark.api.java.JavaRDD<Shard> shards, int doomed) {
        return shards.mapPartitionsWithIndex((partition, rows) -> {
            if (partition == doomed) {
                Runtime.getRuntime().halt(137);
            }
            return rows;
        }, true);
    }

    private static float[] train(Dataset data, java.util.function.Consumer<String> log) {
        Sequential model = SparkTesting.mlp(MLP, 5);
        TrainingData shards = SparkData.fromDataset(context, data, 2);
        SparkTrainer.builder(model, "cross_entropy", "adam").learningRate(0.01).epochs(3).batchSize(64).seed(8)
                .log(log == null ? line -> { } : log).build().fit(shards);
        shards.release();
        return ModelVectors.weights(model);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
