package dev.dendrite.spark;

import dev.dendrite.data.Batches;
import dev.dendrite.data.Dataset;
import dev.dendrite.io.Architecture;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Stochastic;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.OptimizerState;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * An executor's copy of the model for one partition of one run: the network built once from the
 * architecture JSON, its loss, and (for parameter averaging) its optimizer. Every round overwrites
 * all of its numbers from the broadcast {@link RoundInput} and reseeds its random layers from
 * (seed, round, partition), so nothing a replica did in an earlier round, or on another executor,
 * can leak into a result: a task Spark re-runs gives the same bits.
 *
 * <p>Replicas are cached per JVM (at most {@value #CACHE_SIZE}, least recently used dropped), so a
 * network is not rebuilt every round. A replica is used by one task at a time: Spark runs one task
 * per partition, and the cache key includes the partition.
 */
final class Replica {
    static final int CACHE_SIZE = 16;
    private static final Map<String, Replica> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Replica> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private static final Map<String, int[]> ORDERS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > 4;
        }
    };

    final Sequential model;
    final Loss loss;
    private final TrainingPlan plan;
    private Optimizer optimizer;

    private Replica(TrainingPlan plan) {
        this.plan = plan;
        // The initial weights are overwritten before any use; the generator only has to exist.
        this.model = Architecture.build(plan.architecture(), new Random(0));
        this.loss = Losses.byName(plan.loss());
    }

    /** The cached replica of {@code plan}'s model for {@code partition}, built on first use. */
    static Replica of(TrainingPlan plan, int partition) {
        String key = plan.runId() + "/" + partition;
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(key, k -> new Replica(plan));
        }
    }

    /**
     * The row order of epoch {@code epoch} over {@code rows} rows for {@code seed}: the one
     * {@code data.Batches} gives a single-machine run, cached because every partition of a step
     * needs the same one.
     */
    static int[] order(long seed, int epoch, int rows) {
        String key = seed + "/" + epoch + "/" + rows;
        synchronized (ORDERS) {
            return ORDERS.computeIfAbsent(key, k -> permutation(seed, epoch, rows));
        }
    }

    /** {@code data.Batches}' shuffled order of {@code rows} rows in epoch {@code epoch} for {@code seed}. */
    static int[] permutation(long seed, int epoch, int rows) {
        Dataset indices = Dataset.regression("rows", Tensor.zeros(rows, 1), Tensor.zeros(rows, 1));
        return new Batches(indices, 1, true, seed).order(epoch);
    }

    /** Loads the round's weights and buffers (and optimizer state when {@code withOptimizer}), reseeds random layers. */
    void begin(RoundInput input, int partition, boolean withOptimizer) {
        ModelVectors.loadWeights(model, input.vector(), 0, 1f);
        model.train();
        long seed = plan.seedFor(input.round(), partition);
        int layer = 0;
        for (Stochastic module : model.stochasticModules().values()) {
            module.random().setSeed(seed + layer++);
        }
        if (withOptimizer) {
            if (optimizer == null) {
                optimizer = Optimizers.create(plan.optimizer(), model.parameters(), plan.learningRate());
            }
            optimizer.loadState(ModelVectors.readState(model, optimizer.state().optimizer(), input.vector(),
                    input.stateKeys(), 1f, input.counts()));
        }
    }

    Optimizer optimizer() {
        return optimizer;
    }

    OptimizerState optimizerState() {
        return optimizer.state();
    }

    /** Forward and backward over {@code rows} of {@code shard}; returns {loss, correct}. */
    double[] forwardBackward(Shard shard, int[] rows) {
        model.zeroGrad();
        Tensor input = shard.features(rows, plan.sampleShape());
        Tensor targets = shard.targets(rows);
        Tensor output = model.forward(input);
        Tensor target = Targets.forLoss(output, targets, plan.classification());
        Tensor value = loss.compute(output, target);
        float lossValue = value.item();
        if (!Float.isFinite(lossValue)) {
            throw new IllegalStateException("training diverged: loss is " + lossValue
                    + "; try a lower learning rate");
        }
        value.backward();
        long correct = plan.classification() ? Targets.countCorrect(output, targets) : 0;
        return new double[] {lossValue, correct};
    }
}
