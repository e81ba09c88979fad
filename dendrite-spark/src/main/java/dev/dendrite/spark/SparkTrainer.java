package dev.dendrite.spark;

import dev.dendrite.data.Dataset;
import dev.dendrite.io.Architecture;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.OptimizerState;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * lost executor gives the same bits and a run is reproducible. Not thread-safe; one fit at a time.
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

    /** Trains from the model's current weights for the configured epochs. */
    public History fit(TrainingData data) {
        return run(data, null);
    }

    /**
     * Continues the run whose checkpoints are in {@code folder} from the newest: weights, optimizer
     * state, round and history. Give the interrupted run's settings and data (the epochs may grow).
     */
    public History resume(TrainingData data, Path folder) throws IOException {
        SparkCheckpoint.Loaded loaded = SparkCheckpoint.latest(folder);
        Map<String, String> meta = loaded.metadata();
        String expected = settings.mode + "/" + settings.seed + "/" + settings.batch + "/" + settings.localSteps;
        String got = meta.get("spark.mode") + "/" + meta.get("spark.seed") + "/" + meta.get("spark.batch") + "/"
                + meta.get("spark.local_steps");
        if (!expected.equals(got)) {
            throw new IllegalArgumentException("resume " + loaded.file() + ": expected a run with mode/seed/batch/"
                    + "local-steps " + expected + ", got " + got);
        }
        float[] saved = ModelVectors.weights(loaded.saved().model());
        if (saved.length != ModelVectors.modelLength(model)) {
            throw new IllegalArgumentException("resume " + loaded.file() + ": expected a model of "
                    + ModelVectors.modelLength(model) + " weights, got " + saved.length);
        }
        ModelVectors.loadWeights(model, saved, 0, 1f);
        optimizer.loadState(loaded.optimizer());
        return run(data, loaded);
    }

    private History run(TrainingData data, SparkCheckpoint.Loaded from) {
        TrainingPlan plan = plan(data);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(data.shards.context());
        int perEpoch = plan.roundsPerEpoch();
        long round = from == null ? 0 : from.round();
        History history = from == null ? new History() : SparkCheckpoint.decode(from.metadata().get("spark.history"));
        double[] sums = from == null ? new double[3] : Arrays.stream(from.metadata().get("spark.sums").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        for (int epoch = (int) (round / perEpoch); epoch < settings.epochs; epoch++) {
            long start = System.nanoTime();
            for (int step = (int) (round % perEpoch); step < perEpoch; step++) {
                Partial result = round(context, data, plan, epoch, step, round);
                sums[0] += result.lossSum;
                sums[1] += result.correct;
                sums[2] += result.rows;
                round++;
                if (settings.checkpoint != null && round % settings.checkpointEvery == 0) {
                    checkpoint(round, history, sums);
                }
            }
            history.add(new EpochRecord(epoch + 1, metrics(sums, data), (System.nanoTime() - start) / 1e9));
            Arrays.fill(sums, 0);
            settings.log.accept(line(history.last()));
        }
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
            throw new IllegalStateException("round " + (round + 1) + " failed after Spark's retries: "
                    + SparkErrors.oneLine(e), e);
        } finally {
            broadcast.destroy();
        }
        long gathered = System.nanoTime();
        apply(sum, sync);
        stats.add(sent - start, gathered - sent, System.nanoTime() - gathered, sum.nanos);
        return sum;
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

    private void checkpoint(long round, History history, double[] sums) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("spark.mode", settings.mode.toString());
        meta.put("spark.seed", Long.toString(settings.seed));
        meta.put("spark.batch", Integer.toString(settings.batch));
        meta.put("spark.local_steps", Integer.toString(settings.localSteps));
        meta.put("spark.sums", sums[0] + "," + sums[1] + "," + sums[2]);
        meta.put("spark.history", SparkCheckpoint.encode(history));
        try {
            SparkCheckpoint.save(settings.checkpoint, round, model, optimizer.state(), meta);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(settings.checkpoint + ": checkpoint of round " + round
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static String line(EpochRecord record) {
        StringBuilder text = new StringBuilder("epoch " + record.epoch());
        record.metrics().forEach((k, v) -> text.append(String.format(java.util.Locale.ROOT, "  %s %.4f", k, v)));
        return text.append(String.format(java.util.Locale.ROOT, "  (%.1f s)", record.seconds())).toString();
    }

    private record Settings(String loss, String optimizer, Double learningRate, Mode mode, int epochs, int batch,
                            int localSteps, long seed, Path checkpoint, int checkpointEvery, Dataset validation,
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
        private Path checkpoint;
        private int checkpointEvery;
        private Dataset validation;
        private Consumer<String> log = line -> { };

        private Builder(Sequential model, String loss, String optimizer) {
            this.model = model;
            if (!Losses.names().contains(loss)) {
                throw new IllegalArgumentException("SparkTrainer: expected a loss in " + Losses.names() + ", got '" + loss + "'");
            }
            if (!Optimizers.names().contains(optimizer)) {
                throw new IllegalArgumentException("SparkTrainer: expected an optimizer in " + Optimizers.names()
                        + ", got '" + optimizer + "'");
            }
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

        /** Save a checkpoint into {@code folder} every {@code rounds} rounds. */
        public Builder checkpoints(Path folder, int rounds) {
            this.checkpoint = folder;
            this.checkpointEvery = positive("checkpoint rounds", rounds);
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
                    seed, checkpoint, checkpointEvery, validation, log));
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("SparkTrainer." + name + ": expected at least 1, got " + value);
            }
            return value;
        }
    }
}
