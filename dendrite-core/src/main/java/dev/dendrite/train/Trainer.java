package dev.dendrite.train;

import dev.dendrite.data.Augmentation;
import dev.dendrite.data.Batch;
import dev.dendrite.data.Batches;
import dev.dendrite.data.Dataset;
import dev.dendrite.loss.Loss;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.GradientClipping;
import dev.dendrite.optim.LearningRateSchedule;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a model to a dataset: for each epoch, shuffled mini-batches go forward through the model,
 * into the loss, backward, and through the optimizer; then the validation set is evaluated, the
 * epoch is recorded in the {@link History} and the callbacks run.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 1e-3))
 *         .epochs(10).batchSize(64).seed(42).validation(validationSet).build();
 * History history = trainer.fit(trainingSet);
 * }</pre>
 *
 * <p>The same seed gives the same batches and so, on the same JDK and thread count, the same
 * weights and history bit for bit. A non-finite loss stops training with an
 * {@link IllegalStateException} naming the epoch and batch. With a {@link CheckpointPolicy}, the
 * run saves checkpoints, and {@link #resume} continues an interrupted run to the same weights and
 * history (all but the seconds) as an uninterrupted one; a checkpoint that cannot be written stops
 * training with an {@link java.io.UncheckedIOException}.
 *
 * <p>Not thread-safe: one thread calls {@link #fit} at a time. While it runs, fit claims the model
 * ({@link Module#claimTraining}), so a second fit of the same model, from this trainer or another,
 * fails with an {@link IllegalStateException} naming the model. Evaluating or predicting from another
 * thread during a fit reads weights mid-update; after it, a model in eval mode serves any number of
 * threads (see {@link Module}).
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainerSettings settings;
    private String stopReason;
    private CheckpointDirectory.Found resumeFrom;

    private Trainer(Builder builder) {
        this.model = builder.model;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.settings = builder.settings.copy();
    }

    /** Starts configuring a trainer for {@code model}. */
    public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Asks training to stop after the current epoch; {@code reason} is printed and kept. */
    public void requestStop(String reason) {
        stopReason = reason;
    }

    /** Why training stopped early, or {@code null} if it ran all epochs. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Trains on {@code training} for the configured epochs and returns what each epoch produced.
     *
     * @throws IllegalStateException if the model (or a layer of it) is being trained by another fit
     */
    public History fit(Dataset training) {
        try (Module.TrainingClaim ignored = model.claimTraining("Trainer.fit")) {
            return fitClaimed(training);
        }
    }

    private History fitClaimed(Dataset training) {
        Dataset train = training;
        Dataset validation = settings.validation;
        if (validation == null && settings.validationFraction > 0) {
            Dataset[] parts = training.split(1 - settings.validationFraction, settings.seed);
            train = parts[0];
            validation = parts[1];
        }
        Validate.argument(train.size() > 0, "Trainer.fit", "a non-empty training set", train.name() + " with 0 rows");
        Batches batches = new Batches(train, settings.batchSize, true, settings.seed)
                .withAugmentation(settings.augmentation);
        try (CheckpointSession checkpoints = new CheckpointSession(settings.checkpoints, resumeFrom, model, optimizer,
                settings.callbacks, batches, settings.seed, settings.epochs)) {
            return fitEpochs(train, validation, batches, checkpoints);
        }
    }

    private History fitEpochs(Dataset train, Dataset validation, Batches batches, CheckpointSession checkpoints) {
        History history = checkpoints.history();
        double baseRate = checkpoints.baseLearningRate();
        stopReason = checkpoints.stopReason();
        settings.callbacks.forEach(c -> c.onTrainBegin(this));
        for (int epoch = checkpoints.firstEpoch(); epoch <= settings.epochs && stopReason == null; epoch++) {
            long start = System.nanoTime();
            if (settings.schedule != null) {
                optimizer.setLearningRate(settings.schedule.learningRate(epoch - 1, baseRate));
            }
            Map<String, Double> metrics = trainEpoch(batches, train, epoch, checkpoints);
            if (validation != null && validation.size() > 0) {
                Evaluation v = evaluate(validation);
                metrics.put("val_loss", v.loss());
                if (!Double.isNaN(v.accuracy())) {
                    metrics.put("val_accuracy", v.accuracy());
                } else {
                    metrics.put("val_rmse", v.rmse());
                }
            }
            metrics.put("learning_rate", optimizer.learningRate());
            EpochRecord record = new EpochRecord(epoch, metrics, (System.nanoTime() - start) / 1e9);
            history.add(record);
            if (settings.progress != null) {
                settings.progress.endEpoch(epoch, settings.epochs, summary(record));
            }
            settings.callbacks.forEach(c -> c.onEpochEnd(this, record));
            checkpoints.afterEpoch(record, stopReason);
        }
        checkpoints.end(stopReason);
        if (stopReason != null && settings.progress != null) {
            settings.progress.message(stopReason);
        }
        History done = history;
        settings.callbacks.forEach(c -> c.onTrainEnd(this, done));
        return history;
    }

    private Map<String, Double> trainEpoch(Batches batches, Dataset train, int epoch, CheckpointSession checkpoints) {
        model.train();
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int batchIndex = 0;
        boolean classification = train.numClasses() > 0;
        LayerMonitor monitor = new LayerMonitor(model, settings.checkNumerics);
        Checkpoint.EpochSums resumed = checkpoints.resumedSums(epoch);
        if (resumed != null) {
            lossSum = resumed.lossSum();
            correct = resumed.correct();
            seen = resumed.seen();
            monitor.restoreRunningState(resumed.layers());
        }
        for (Batch batch : batches.epochReusingArrays(epoch - 1)) {
            batchIndex++;
            if (resumed != null && batchIndex <= resumed.batches()) {
                continue;   // done before the checkpoint this run resumed from
            }
            optimizer.zeroGrad();
            Tensor output = monitor.forward(batch.features(), epoch, batchIndex);
            Tensor target = Outputs.targetFor(output, batch.targets(), classification);
            Tensor value = loss.compute(output, target);
            if (settings.penalty != null) {
                value = value.add(settings.penalty.apply(model));
            }
            float lossValue = value.item();
            if (!Float.isFinite(lossValue)) {
                throw new IllegalStateException("training diverged: loss is " + lossValue + " at epoch " + epoch
                        + ", batch " + batchIndex + "; try a lower learning rate or gradient clipping");
            }
            value.backward();
            monitor.afterBackward(epoch, batchIndex);
            if (settings.clipNorm > 0) {
                GradientClipping.clipByNorm(optimizer.parameters(), settings.clipNorm);
            }
            optimizer.step();
            int rows = batch.features().shape().dim(0);
            lossSum += (double) lossValue * rows;
            seen += rows;
            if (classification) {
                correct += Outputs.countCorrect(output, batch.targets());
            }
            if (settings.progress != null) {
                double seconds = (System.nanoTime() - start) / 1e9;
                settings.progress.update(epoch, settings.epochs, seen, train.size(), lossSum / seen,
                        classification ? (double) correct / seen : Double.NaN, seen / Math.max(seconds, 1e-9));
            }
            checkpoints.afterBatch(epoch, batchIndex, lossSum, correct, seen, monitor);
            for (Callback callback : settings.callbacks) {
                callback.onBatchEnd(this, epoch, batchIndex, lossValue);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / seen);
        if (classification) {
            metrics.put("accuracy", (double) correct / seen);
        }
        monitor.endEpoch(metrics);
        return metrics;
    }

    /**
     * Continues the run saved in {@code directory} from its newest complete checkpoint: restores the
     * weights, the optimizer's state, the Dropout generators, the {@link StatefulCallback}s' state
     * (such as {@link EarlyStopping}'s), the position (epoch and batch) and the history, then trains as {@link #fit} would have from there. Build this trainer and its model
     * and optimizer as the interrupted run did (same architecture, seed, batch size and data, all
     * checked; the epochs may grow, but not end before the checkpoint);
     * checkpoints then continue as this trainer's policy says. A damaged newer checkpoint is skipped
     * with a warning line, to the policy's warnings or else standard error.
     *
     * @throws java.nio.file.NoSuchFileException if {@code directory} holds no checkpoint
     * @throws CheckpointFormatException          if none of its checkpoints reads back complete
     * @throws IllegalArgumentException           if the checkpoint is of another model, architecture,
     *                                            optimizer, data or set of stateful callbacks, or past
     *                                            the configured epochs
     * @throws IllegalStateException              if another run holds the policy's folder
     */
    public History resume(Dataset training, Path directory) throws IOException {
        CheckpointPolicy policy = settings.checkpoints;
        resumeFrom = CheckpointDirectory.latest(directory, policy != null ? policy.warnings() : System.err::println);
        try {
            return fit(training);
        } finally {
            resumeFrom = null;
        }
    }

    /** The model's loss and metrics on {@code data}, computed in evaluation mode without a graph. */
    public Evaluation evaluate(Dataset data) {
        return Evaluator.evaluate(model, loss, data, settings.evaluationBatchSize);
    }

    private static String summary(EpochRecord record) {
        StringBuilder out = new StringBuilder();
        record.metrics().forEach((name, value) -> {
            // Per-layer figures (grad_norm.layers.0, ...) go to the history, not the progress line.
            if (!name.equals("learning_rate") && !name.contains(".")) {
                out.append(out.length() == 0 ? "" : " ").append(name).append('=')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", value));
            }
        });
        return out.append(String.format(java.util.Locale.ROOT, " (%.2fs)", record.seconds())).toString();
    }

    /**
     * Configures a {@link Trainer}; every setting has a default. Each {@link #build} takes a copy of
     * the settings, so changing the builder afterwards, or building again, leaves trainers already
     * built as they were (they share the model, loss and optimizer, which are not settings).
     * Mutable and not thread-safe.
     */
    public static final class Builder {
        private final Module model;
        private final Loss loss;
        private final Optimizer optimizer;
        private final TrainerSettings settings = new TrainerSettings();

        private Builder(Module model, Loss loss, Optimizer optimizer) {
            this.model = model;
            this.loss = loss;
            this.optimizer = optimizer;
        }

        /** Number of passes over the training set (default 10). */
        public Builder epochs(int epochs) {
            Validate.argument(epochs > 0, "Trainer", "epochs > 0", epochs);
            settings.epochs = epochs;
            return this;
        }

        /** Samples per mini-batch (default 32). */
        public Builder batchSize(int batchSize) {
            Validate.argument(batchSize > 0, "Trainer", "batchSize > 0", batchSize);
            settings.batchSize = batchSize;
            return this;
        }

        /** Seed of the shuffling and of the validation split (default 0). */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /** A separate validation set evaluated after every epoch. */
        public Builder validation(Dataset validation) {
            settings.validation = validation;
            return this;
        }

        /** Holds out this fraction of the training set for validation (ignored when a set is given). */
        public Builder validationSplit(double fraction) {
            Validate.argument(fraction >= 0 && fraction < 1, "Trainer", "validation fraction in [0, 1)", fraction);
            settings.validationFraction = fraction;
            return this;
        }

        /**
         * Changes each training batch's inputs, such as {@link dev.dendrite.data.ImageShift} (default
         * none). Its random draws follow from the seed, epoch and batch alone, so runs stay
         * reproducible and resume bit for bit; validation and evaluation see the data unchanged.
         */
        public Builder augmentation(Augmentation augmentation) {
            settings.augmentation = augmentation;
            return this;
        }

        /** Adds a callback. */
        public Builder callback(Callback callback) {
            settings.callbacks.add(callback);
            return this;
        }

        /** A learning-rate schedule applied at the start of each epoch. */
        public Builder schedule(LearningRateSchedule schedule) {
            settings.schedule = schedule;
            return this;
        }

        /** Clips the global gradient norm to {@code maxNorm} before each step (0 = off). */
        public Builder clipNorm(double maxNorm) {
            Validate.nonNegative(maxNorm, "Trainer", "clipNorm");
            settings.clipNorm = maxNorm;
            return this;
        }

        /** A penalty added to the loss of every batch, such as an L2 term on the weights. */
        public Builder penalty(java.util.function.Function<Module, Tensor> penalty) {
            settings.penalty = penalty;
            return this;
        }

        /**
         * Checks every layer's output and every gradient for NaN and infinity after each batch, and
         * stops at the first one with an {@link IllegalStateException} naming the layer, epoch and
         * batch (default off: it costs a pass over every activation and gradient).
         */
        public Builder checkNumerics(boolean check) {
            settings.checkNumerics = check;
            return this;
        }

        /**
         * Where progress goes: by default a progress bar on standard output, as Keras's
         * {@code verbose=1}; {@code null} for silence. The system property
         * {@code dendrite.quiet=true} makes the default silent (the test suite sets it).
         */
        public Builder progress(ProgressBar progress) {
            settings.progress = progress;
            return this;
        }

        /** Saves checkpoints as {@code policy} says (default: none), for {@link Trainer#resume}. */
        public Builder checkpoints(CheckpointPolicy policy) {
            settings.checkpoints = policy;
            return this;
        }

        /** Builds the trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }

    /** Plain holder of the builder's choices; a trainer holds its own {@link #copy()}. */
    private static final class TrainerSettings {
        int epochs = 10;
        int batchSize = 32;
        long seed;
        Dataset validation;
        double validationFraction;
        final List<Callback> callbacks = new ArrayList<>();
        LearningRateSchedule schedule;
        double clipNorm;
        Augmentation augmentation;
        java.util.function.Function<Module, Tensor> penalty;
        ProgressBar progress = Boolean.getBoolean("dendrite.quiet") ? null : ProgressBar.forStandardOutput();
        boolean checkNumerics;
        int evaluationBatchSize = 1024;
        CheckpointPolicy checkpoints;

        /** An independent copy: the callback list is new; the rest are values or immutable. */
        TrainerSettings copy() {
            TrainerSettings copy = new TrainerSettings();
            copy.epochs = epochs;
            copy.batchSize = batchSize;
            copy.seed = seed;
            copy.validation = validation;
            copy.validationFraction = validationFraction;
            copy.callbacks.addAll(callbacks);
            copy.schedule = schedule;
            copy.clipNorm = clipNorm;
            copy.augmentation = augmentation;
            copy.penalty = penalty;
            copy.progress = progress;
            copy.checkNumerics = checkNumerics;
            copy.evaluationBatchSize = evaluationBatchSize;
            copy.checkpoints = checkpoints;
            return copy;
        }
    }
}
