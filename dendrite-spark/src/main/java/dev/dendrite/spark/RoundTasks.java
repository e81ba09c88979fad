package dev.dendrite.spark;

import dev.dendrite.optim.OptimizerState;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one round on the partitions, as Spark jobs. Each function reads only its shard, the
 * {@link TrainingPlan} and the broadcast {@link RoundInput}, so its result depends on (seed, round,
 * partition) alone. The lambdas are built in static methods so that they capture nothing else.
 */
final class RoundTasks {
    private RoundTasks() {
    }

    /** Sync mode: each partition's summed gradient over its rows of global batch {@code input.step()}. */
    static JavaRDD<Partial> gradients(JavaRDD<Shard> shards, TrainingPlan plan, Broadcast<RoundInput> input) {
        return shards.mapPartitionsWithIndex((partition, it) ->
                List.of(gradient(plan, input.value(), partition, only(it, partition))).iterator(), true);
    }

    /** Average mode: each partition's weights and optimizer state after up to K local steps, times its rows. */
    static JavaRDD<Partial> localRounds(JavaRDD<Shard> shards, TrainingPlan plan, Broadcast<RoundInput> input) {
        return shards.mapPartitionsWithIndex((partition, it) ->
                List.of(localRound(plan, input.value(), partition, only(it, partition))).iterator(), true);
    }

    private static Shard only(Iterator<Shard> it, int partition) {
        if (!it.hasNext()) {
            throw new IllegalStateException("partition " + partition + ": expected one shard, got none");
        }
        return it.next();
    }

    /** The local indices of this partition's rows in global batch {@code step} of {@code epoch}. */
    static int[] rowsOfStep(TrainingPlan plan, int partition, int epoch, int step) {
        int total = plan.totalRows();
        int[] order = Replica.order(plan.seed(), epoch, total);
        long low = plan.offsets()[partition];
        long high = plan.offsets()[partition + 1];
        int from = step * plan.batch();
        int to = Math.min(from + plan.batch(), total);
        int[] rows = new int[to - from];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (order[i] >= low && order[i] < high) {
                rows[count++] = (int) (order[i] - low);
            }
        }
        return Arrays.copyOf(rows, count);
    }

    static Partial gradient(TrainingPlan plan, RoundInput input, int partition, Shard shard) {
        long start = System.nanoTime();
        int[] rows = rowsOfStep(plan, partition, input.epoch(), input.step());
        if (rows.length == 0) {
            return Partial.nothing();
        }
        Replica replica = Replica.of(plan, partition);
        replica.begin(input, partition, false);
        double[] result = replica.forwardBackward(shard, rows);
        // The loss is a mean over these rows: times the row count it is the sum the driver divides by B.
        float[] sum = ModelVectors.scaledGradients(replica.model, rows.length);
        return new Partial(sum, rows.length, result[0] * rows.length, (long) result[1], rows.length,
                java.util.Map.of(), new String[0], System.nanoTime() - start);
    }

    static Partial localRound(TrainingPlan plan, RoundInput input, int partition, Shard shard) {
        long start = System.nanoTime();
        int n = shard.rows();
        int batch = plan.batch();
        int batches = (n + batch - 1) / batch;
        int first = input.step() * plan.localSteps();
        int last = Math.min(first + plan.localSteps(), batches);
        if (first >= last) {
            return Partial.nothing();
        }
        // Each partition shuffles its own rows once per epoch, from (seed, partition) and the epoch.
        int[] order = Replica.permutation(plan.seedFor(-1, partition), input.epoch(), n);
        Replica replica = Replica.of(plan, partition);
        replica.begin(input, partition, true);
        double lossSum = 0;
        long correct = 0;
        int used = 0;
        for (int b = first; b < last; b++) {
            int[] rows = Arrays.copyOfRange(order, b * batch, Math.min(n, (b + 1) * batch));
            double[] result = replica.forwardBackward(shard, rows);
            replica.optimizer().step();
            lossSum += result[0] * rows.length;
            correct += (long) result[1];
            used += rows.length;
        }
        OptimizerState state = replica.optimizerState();
        float[] vector = ModelVectors.weightsAndState(replica.model, state, used);
        return new Partial(vector, used, lossSum, correct, used, state.counts(), ModelVectors.stateKeys(state),
                System.nanoTime() - start);
    }
}
