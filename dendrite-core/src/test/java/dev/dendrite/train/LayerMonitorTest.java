package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Spiral;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerMonitorTest {
    @Test
    void theHistoryRecordsGradientNormsAndDeadReluFractionsPerLayer() {
        Dataset spiral = Spiral.generate(3, 30, 0.2, 7);
        Random random = new Random(3);
        Sequential model = new Sequential(new Dense(2, 8, random), new ReLU(), new Dense(8, 3, random));
        History history = Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 0.1))
                .epochs(2).batchSize(16).build().fit(spiral);
        EpochRecord first = history.epochs().get(0);
        assertTrue(first.get("grad_norm.layers.0") > 0, first.metrics().toString());
        assertTrue(first.get("grad_norm.layers.2") > 0, first.metrics().toString());
        double dead = first.get("dead_relu.layers.1");
        assertTrue(dead >= 0 && dead <= 1, first.metrics().toString());
    }

    @Test
    void aUnitThatNeverFiresCountsAsDead() {
        Dense layer = new Dense(Tensor.matrix(new float[] {1f, -1f, 0f}), Tensor.vector(0f, 0f, -1f));
        Sequential model = new Sequential(layer, new ReLU());
        LayerMonitor monitor = new LayerMonitor(model, false);
        // Inputs >= 0: unit 0 fires, unit 1 (weight -1) never does, unit 2 (bias -1) never does.
        monitor.forward(Tensor.matrix(new float[] {1f}, new float[] {2f}), 1, 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        monitor.endEpoch(metrics);
        assertEquals(2.0 / 3, metrics.get("dead_relu.layers.1"), 1e-12);
    }

    @Test
    void deadUnitsAreFoundInTheVectorPartAndTheTailOfAWideLayer() {
        // 41 units: the column sums take whole vectors (8 or 16 lanes) and then a scalar tail.
        int units = 41;
        float[] weights = new float[units];
        float[] bias = new float[units];
        java.util.Set<Integer> dead = java.util.Set.of(0, 5, 17, 31, 39, 40);
        for (int u = 0; u < units; u++) {
            weights[u] = dead.contains(u) ? -1f : 0.5f;
        }
        Sequential model = new Sequential(new Dense(Tensor.matrix(weights), Tensor.wrap(bias, units)), new ReLU());
        LayerMonitor monitor = new LayerMonitor(model, false);
        // 20 rows of inputs >= 0 (one of them 0): a unit with weight -1 never fires.
        float[] inputs = new float[20];
        for (int r = 0; r < inputs.length; r++) {
            inputs[r] = r * 0.25f;
        }
        monitor.forward(Tensor.wrap(inputs, inputs.length, 1), 1, 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        monitor.endEpoch(metrics);
        assertEquals((double) dead.size() / units, metrics.get("dead_relu.layers.1"), 1e-12);
    }

    @Test
    void reluOnImageFeatureMapsIsNotWatchedSoTheConvolutionFusesWithIt() {
        Random random = new Random(4);
        Sequential model = new Sequential(new dev.dendrite.nn.Conv2d(1, 2, 3, random), new ReLU(),
                new dev.dendrite.nn.MaxPool2d(2), new dev.dendrite.nn.Flatten(), new Dense(8, 3, random), new ReLU());
        Tensor x = Tensor.uniform(5L, -1f, 1f, 4, 1, 6, 6);
        LayerMonitor monitor = new LayerMonitor(model, false);
        Tensor output = monitor.forward(x, 1, 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(model.forward(x).toArray(), output.toArray());
        Map<String, Double> metrics = new LinkedHashMap<>();
        monitor.endEpoch(metrics);
        assertEquals(java.util.Set.of("dead_relu.layers.5"), metrics.keySet(), metrics.toString());
        // The numerics check watches every layer, the feature maps' ReLU included.
        LayerMonitor checking = new LayerMonitor(model, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(output.toArray(), checking.forward(x, 1, 1).toArray());
    }

    @Test
    void theNumericsCheckNamesTheLayerEpochAndBatch() {
        Dense layer = new Dense(Tensor.matrix(new float[] {Float.MAX_VALUE}), Tensor.vector(0f));
        Sequential model = new Sequential(layer, new ReLU());
        LayerMonitor monitor = new LayerMonitor(model, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> monitor.forward(Tensor.matrix(new float[] {10f}), 4, 17));
        assertTrue(e.getMessage().contains("layers.0") && e.getMessage().contains("epoch 4")
                && e.getMessage().contains("batch 17") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void withoutTheCheckNonFiniteOutputsPassThrough() {
        Dense layer = new Dense(Tensor.matrix(new float[] {Float.MAX_VALUE}), Tensor.vector(0f));
        LayerMonitor monitor = new LayerMonitor(new Sequential(layer), false);
        assertEquals(Float.POSITIVE_INFINITY, monitor.forward(Tensor.matrix(new float[] {10f}), 1, 1).item());
    }

    @Test
    void aDivergingRunWithTheCheckStopsAtTheFirstBadGradientOrOutput() {
        Dataset spiral = Spiral.generate(3, 30, 0.2, 7);
        Random random = new Random(3);
        Sequential model = new Sequential(new Dense(2, 8, random), new ReLU(), new Dense(8, 3, random));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 1e38))
                .epochs(3).batchSize(16).checkNumerics(true).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(spiral));
        assertTrue(e.getMessage().startsWith("numerics check:") || e.getMessage().startsWith("training diverged"),
                e.getMessage());
    }
}
