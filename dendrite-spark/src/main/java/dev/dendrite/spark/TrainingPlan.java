package dev.dendrite.spark;

import java.io.Serializable;

/**
 * What every task of one run needs besides the round's weights: the model's architecture JSON, the
 * loss, optimizer and batching settings, and where each partition's rows start in the global row
 * order. Shipped with each task (it is small); immutable, the arrays are never written.
 *
 * @param runId          a name unique to the run, which keys the executors' cached replicas
 * @param architecture   the model's architecture JSON ({@code io.Architecture.describe})
 * @param loss           the loss name ({@code loss.Losses})
 * @param optimizer      the optimizer name ({@code optim.Optimizers}), used by parameter averaging
 * @param learningRate   the learning rate, or null for the optimizer's default
 * @param seed           the run's seed: batches and random layers depend on it and nothing else
 * @param batch          sync: the global batch; average: each partition's local batch
 * @param localSteps     average: local steps per round (K)
 * @param classification whether targets are class indices
 * @param sampleShape    the shape of one input row
 * @param offsets        the global index of each partition's first row; {@code offsets[P]} is the row count
 * @param mode           how a round works
 */
record TrainingPlan(String runId, String architecture, String loss, String optimizer, Double learningRate,
                    long seed, int batch, int localSteps, boolean classification, int[] sampleShape,
                    long[] offsets, SparkTrainer.Mode mode) implements Serializable {

    /** The number of training rows. */
    int totalRows() {
        return (int) offsets[offsets.length - 1];
    }

    /** Rows in {@code partition}. */
    int rows(int partition) {
        return (int) (offsets[partition + 1] - offsets[partition]);
    }

    /** Partitions. */
    int partitions() {
        return offsets.length - 1;
    }

    /** Sync: global steps per epoch, {@code ceil(N / B)}. Average: rounds per epoch, {@code ceil(max local batches / K)}. */
    int roundsPerEpoch() {
        if (mode == SparkTrainer.Mode.SYNC) {
            return (totalRows() + batch - 1) / batch;
        }
        int most = 0;
        for (int p = 0; p < partitions(); p++) {
            most = Math.max(most, (rows(p) + batch - 1) / batch);
        }
        return Math.max(1, (most + localSteps - 1) / localSteps);
    }

    /** A seed for (round, partition) drawn from the run's seed alone (SplitMix64 finaliser). */
    long seedFor(long round, int partition) {
        long z = seed ^ (round * 0x9E3779B97F4A7C15L) ^ ((long) partition * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
