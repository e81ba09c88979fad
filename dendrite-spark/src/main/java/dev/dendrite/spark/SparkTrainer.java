package dev.dendrite.spark;

import dev.dendrite.data.Dataset;
import dev.dendrite.io.Architecture;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.OptimizerState;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Validate;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.Checkpoints;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training of a {@link Sequential} over {@link TrainingData} on Spark, in rounds; the
 * driver holds the model and the optimizer, and each round is one Spark job with one task per
 * partition.
 *
 * <ul>
 *   <li>{@link Mode#SYNC}, synchronous gradient averaging: round = one step of global batch
 *       {@code batch}. The rows of the step are those a single-machine {@code Trainer} with the same
 *       seed would batch together ({@code data.Batches}); each partition computes the gradient of the
 *       loss summed over its share of them, the driver sums the partitions in a fixed order
 *       ({@code OrderedSum}), divides by the batch's row count and takes one optimizer step. The result
 *       equals single-machine training to float rounding (random layers draw other numbers).</li>
 *   <li>{@link Mode#AVERAGE}, parameter averaging: round = up to K local steps per partition of
 *       {@code batch} rows of its own shard (shuffled per epoch from (seed, partition)), each
 *       partition starting from the broadcast weights and optimizer state; the driver sets weights,
 *       buffers and optimizer arrays to their average weighted by rows used (step counters: the
 *       largest). An epoch is {@code ceil(most local batches / K)} rounds; a partition with fewer
 *       or no rows sits the later rounds out.</li>
 * </ul>
 *
 * <p>A partition's work depends only on (seed, round, partition), so a task Spark re-runs after a
 * lost executor gives the same bits and a run is reproducible. Checkpoints are {@code Trainer}'s
 * files, written through core's {@code train.Checkpoints} ({@link SparkCheckpoints}); a sync-mode
 * round is {@code Trainer}'s step, so each can continue the other's. Not thread-safe; one fit at a time.
 */
public final class SparkTrainer {
    /** How a round works; see the class comment. */
    public enum Mode { SYNC, AVERAGE }

    private final Sequential model;
    private final Settings settings;
    private final Optimizer optimizer;
    private final Loss loss;
    private final RoundStats stats = new RoundStats();

    private SparkTrainer(Sequential model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.optimizer = Optimizers.create(settings.optimizer, model.parameters(), settings.learningRate);
        this.loss = Losses.byName(settings.loss);
    }

    /** A builder for training {@code model} with the loss and optimizer named as in {@code loss.Losses} and {@code optim.Optimizers}. */
    public static Builder builder(Sequential model, String loss, String optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** The driver's optimizer (its state after a fit is the run's). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Timings of the rounds run so far. */
    public RoundStats stats() {
        return stats;
    }

    /**
     * Trains from the model's current weights for the configured epochs.
     *
     * @throws IllegalStateException if the checkpoint folder already holds another run's checkpoints
     */
    public History fit(TrainingData data) {
        SparkCheckpoints.checkFolder(settings.checkpoints, null);
        return run(data, plan(data), null);
    }

    /**
     * Continues the run saved in {@code folder} from its newest complete checkpoint (a damaged newer
     * one is skipped with a warning line): weights, buffers, optimizer state, round, the epoch's
     * running sums and the history; checkpoints then continue as this trainer's policy says. Give the
     * interrupted run's settings and data (the epochs may grow). The folder may also be one that
     * {@code Trainer} wrote: it continues in sync mode, whose steps are {@code Trainer}'s.
     *
     * @throws IllegalArgumentException if the checkpoint is of another mode, seed, batch size, data
     *     size, partitioning (parameter averaging), model or optimizer
     */
    public History resume(TrainingData data, Path folder) throws IOException {
        Checkpoints.Saved saved = Checkpoints.latest(folder, settings.checkpoints != null
                ? settings.checkpoints.warnings() : System.err::println);
        TrainingPlan plan = plan(data);
        SparkCheckpoints.checkResumable(saved, plan);
        SparkCheckpoints.checkFolder(settings.checkpoints, folder);
        saved.restore(model, optimizer);
        return run(data, plan, saved);
    }

    private History run(TrainingData data, TrainingPlan plan, Checkpoints.Saved from) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(data.shards.context());
        int perEpoch = plan.roundsPerEpoch();
        Checkpoints.Progress progress = from == null ? null : from.progress();
        long round = progress == null ? 0 : progress.step();
        History history = from == null ? new History() : from.history();
        double[] sums = progress == null ? new double[3]
                : new double[] {progress.lossSum(), progress.correct(), progress.seen()};
        double baseRate = from == null ? optimizer.learningRate() : from.baseLearningRate();
        SparkCheckpoints saver = new SparkCheckpoints(settings.checkpoints, model, optimizer, plan, baseRate, round);
        for (int epoch = (int) (round / perEpoch); epoch < settings.epochs; epoch++) {
            long start = System.nanoTime();
            for (int step = (int) (round % perEpoch); step < perEpoch; step++) {
                Partial result = round(context, data, plan, epoch, step, round);
                sums[0] += result.lossSum;
                sums[1] += result.correct;
                sums[2] += result.rows;
                round++;
                saver.afterRound(round, sums, history);
            }
            history.add(new EpochRecord(epoch + 1, metrics(sums, data), (System.nanoTime() - start) / 1e9));
            Arrays.fill(sums, 0);
            settings.log.accept(line(history.last()));
            saver.afterEpoch(round, history);
        }
        saver.end(round, history);
        return history;
    }

    private TrainingPlan plan(TrainingData data) {
        int width = Arrays.stream(data.sampleShape).reduce(1, (a, b) -> a * b);
        int[] declared = model.sampleInputShape();
        if (declared != null && Arrays.stream(declared).allMatch(d -> d > 0)
                && Arrays.stream(declared).reduce(1, (a, b) -> a * b) != width) {
            throw new IllegalArgumentException("SparkTrainer: expected rows of " + Arrays.toString(declared)
                    + " (the model's input), got " + Arrays.toString(data.sampleShape));
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("SparkTrainer: expected training rows, got 0");
        }
        return new TrainingPlan(UUID.randomUUID().toString(), Architecture.describe(model), settings.loss,
                settings.optimizer, settings.learningRate, settings.seed, settings.batch, settings.localSteps,
                !data.classNames.isEmpty(), data.sampleShape, data.offsets, settings.mode);
    }

    private Partial round(JavaSparkContext context, TrainingData data, TrainingPlan plan, int epoch, int step,
                          long round) {
        long start = System.nanoTime();
        boolean sync = settings.mode == Mode.SYNC;
        OptimizerState state = sync ? null : optimizer.state();
        RoundInput input = sync
                ? new RoundInput(ModelVectors.weights(model), new String[0], new HashMap<>(), epoch, step, round)
                : new RoundInput(ModelVectors.weightsAndState(model, state, 1f), ModelVectors.stateKeys(state),
                        new HashMap<>(state.counts()), epoch, step, round);
        Broadcast<RoundInput> broadcast = context.broadcast(input);
        long sent = System.nanoTime();
        Partial sum;
        try {
            JavaRDD<Partial> parts = sync ? RoundTasks.gradients(data.shards, plan, broadcast)
                    : RoundTasks.localRounds(data.shards, plan, broadcast);
            sum = OrderedSum.of(parts);
        } catch (Exception e) {
            String gaveUp = SparkErrors.gaveUp(e);
            throw new IllegalStateException("round " + (round + 1) + " failed: " + (gaveUp != null ? gaveUp + ": "
                    : "") + reason(e), e);
        } finally {
            broadcast.destroy();
        }
        long gathered = System.nanoTime();
        apply(sum, sync);
        stats.add(sent - start, gathered - sent, System.nanoTime() - gathered, sum.nanos);
        return sum;
    }

    /** Our own error from the task when one travelled back, else the last attempt's reason, else Spark's line. */
    private static String reason(Exception failure) {
        String ours = SparkErrors.oneLine(failure);
        String last = SparkErrors.lastFailure(failure);
        return last != null && ours.startsWith("Job aborted") ? last : ours;
    }

    private void apply(Partial sum, boolean sync) {
        if (sum.values == null || sum.weight == 0) {
            return;
        }
        float scale = (float) (1 / sum.weight);
        if (sync) {
            ModelVectors.setGradients(model, sum.values, scale);
            optimizer.step();
        } else {
            ModelVectors.loadWeights(model, sum.values, 0, scale);
            optimizer.loadState(ModelVectors.readState(model, optimizer.state().optimizer(), sum.values,
                    sum.stateKeys, scale, sum.counts));
        }
    }

    private Map<String, Double> metrics(double[] sums, TrainingData data) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", sums[0] / sums[2]);
        if (!data.classNames.isEmpty()) {
            metrics.put("accuracy", sums[1] / sums[2]);
        }
        Dataset validation = settings.validation;
        if (validation != null && validation.size() > 0) {
            Evaluation v = Evaluator.evaluate(model, loss, validation, 256);
            metrics.put("val_loss", v.loss());
            if (!Double.isNaN(v.accuracy())) {
                metrics.put("val_accuracy", v.accuracy());
            }
        }
        metrics.put("learning_rate", optimizer.learningRate());
        return metrics;
    }

    private static String line(EpochRecord record) {
        StringBuilder text = new StringBuilder("epoch " + record.epoch());
        record.metrics().forEach((k, v) -> text.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        return text.append(String.format(Locale.ROOT, "  (%.1f s)", record.seconds())).toString();
    }

    private record Settings(String loss, String optimizer, Double learningRate, Mode mode, int epochs, int batch,
                            int localSteps, long seed, CheckpointPolicy checkpoints, Dataset validation,
                            Consumer<String> log) {
    }

    /** Collects a trainer's settings; every setter checks its value. Not thread-safe. */
    public static final class Builder {
        private final Sequential model;
        private final String loss;
        private final String optimizer;
        private Double learningRate;
        private Mode mode = Mode.SYNC;
        private int epochs = 1;
        private int batch = 32;
        private int localSteps = 1;
        private long seed = 42;
        private CheckpointPolicy checkpoints;
        private Dataset validation;
        private Consumer<String> log = line -> { };

        private Builder(Sequential model, String loss, String optimizer) {
            this.model = model;
            Validate.argument(Losses.names().contains(loss), "SparkTrainer", "a loss in " + Losses.names(),
                    "'" + loss + "'");
            Validate.argument(Optimizers.names().contains(optimizer), "SparkTrainer", "an optimizer in "
                    + Optimizers.names(), "'" + optimizer + "'");
            this.loss = loss;
            this.optimizer = optimizer;
        }

        /** The learning rate, or null for the optimizer's default. */
        public Builder learningRate(Double rate) {
            this.learningRate = rate;
            return this;
        }

        /** How a round works (default: SYNC). */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Epochs to train, counting resumed ones (default: 1). */
        public Builder epochs(int epochs) {
            this.epochs = positive("epochs", epochs);
            return this;
        }

        /** Sync: the global batch. Average: each partition's local batch. */
        public Builder batchSize(int batch) {
            this.batch = positive("batch", batch);
            return this;
        }

        /** Average mode: local steps per round (K). */
        public Builder localSteps(int steps) {
            this.localSteps = positive("localSteps", steps);
            return this;
        }

        /** The seed batches and random layers depend on (default: 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Saves checkpoints as {@code policy} says (default: none), in {@code Trainer}'s format: its
         * folder, {@code everyBatches} counted in rounds, {@code everyEpochs}, {@code keep}, its
         * warnings and run settings (to which the mode, local steps and partitions are added). There
         * is no {@code best.safetensors}.
         */
        public Builder checkpoints(CheckpointPolicy policy) {
            this.checkpoints = policy;
            return this;
        }

        /** A set scored on the driver after each epoch ({@code val_loss}, {@code val_accuracy}). */
        public Builder validation(Dataset validation) {
            this.validation = validation;
            return this;
        }

        /** Receives one line per epoch. */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** The trainer, with a new optimizer over the model's parameters. */
        public SparkTrainer build() {
            return new SparkTrainer(model, new Settings(loss, optimizer, learningRate, mode, epochs, batch, localSteps,
                    seed, checkpoints, validation, log));
        }

        private static int positive(String name, int value) {
            Validate.argument(value >= 1, "SparkTrainer." + name, "at least 1", value);
            return value;
        }
    }
}
