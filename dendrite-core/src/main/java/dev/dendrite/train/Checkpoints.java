package dev.dendrite.train;

import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Checkpoints in the format of {@link Trainer}'s ({@code docs/checkpoints.md}) for training loops
 * other than {@code Trainer.fit}, such as {@code dendrite-spark}'s driver: a loop saves its model,
 * optimizer, {@link Progress}, history and run settings with {@link #save}, and {@link #latest}
 * reads them back, from its own folders or from {@code Trainer}'s. The files, the folder's naming,
 * pruning and atomic saves are the ones {@code Trainer} uses; a folder written here is one that
 * {@link Trainer#resume} can continue when its progress describes {@code Trainer}'s batches.
 *
 * <p>What such a loop cannot save: stateful callbacks, a stop reason and the layer monitor's
 * running figures (all saved empty), and a {@code best.safetensors}. The random layers' generators
 * are saved from the model as {@code Trainer} saves them. Stateless and thread-safe; one run per
 * folder, as for {@code Trainer}.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Where a run stands, in {@code Trainer}'s terms: {@code trainingRows} rows in steps of
     * {@code batchSize} shuffled by {@code seed}, {@code stepsPerEpoch} optimizer steps an epoch, the
     * finished epochs, the steps done in the next, and that epoch's running sums (loss times rows,
     * correct predictions, rows seen; all zero at an epoch's end). A loop whose step is not
     * {@code Trainer}'s (parameter averaging rounds) counts its own steps here; {@code Trainer}
     * then refuses the checkpoint because the numbers differ from its own. Immutable.
     */
    public record Progress(long seed, int batchSize, int trainingRows, int stepsPerEpoch, int epochsDone,
                           int stepsDone, double lossSum, long correct, long seen) {
        /** Checks that every count is non-negative and that the steps done fall inside an epoch. */
        public Progress {
            Validate.argument(batchSize > 0 && trainingRows >= 0 && stepsPerEpoch > 0 && epochsDone >= 0
                    && stepsDone >= 0 && stepsDone < stepsPerEpoch && correct >= 0 && seen >= 0, "Checkpoints.Progress",
                    "positive sizes, non-negative counts and stepsDone < stepsPerEpoch", () -> "batchSize " + batchSize
                            + ", trainingRows " + trainingRows + ", stepsPerEpoch " + stepsPerEpoch + ", epochsDone "
                            + epochsDone + ", stepsDone " + stepsDone + ", correct " + correct + ", seen " + seen);
        }

        /** Optimizer steps since the run began: {@code epochsDone * stepsPerEpoch + stepsDone}. */
        public long step() {
            return (long) epochsDone * stepsPerEpoch + stepsDone;
        }
    }

    /**
     * A checkpoint read back by {@link #latest}: what it says about the run, and {@link #restore}
     * to load its numbers into a model and optimizer. Immutable.
     */
    public static final class Saved {
        private final Checkpoint checkpoint;
        private final Path file;

        private Saved(Checkpoint checkpoint, Path file) {
            this.checkpoint = checkpoint;
            this.file = file;
        }

        /** The file it was read from. */
        public Path file() {
            return file;
        }

        /** Where the run stood. */
        public Progress progress() {
            Checkpoint.Position position = checkpoint.position();
            Checkpoint.EpochSums sums = checkpoint.sums();
            return new Progress(position.seed(), position.batchSize(), position.trainingRows(),
                    position.batchesPerEpoch(), position.epochsDone(), sums.batches(), sums.lossSum(), sums.correct(),
                    sums.seen());
        }

        /** A new history holding the finished epochs. */
        public History history() {
            History history = new History();
            checkpoint.history().forEach(history::add);
            return history;
        }

        /** The run settings saved with it (empty for checkpoints written before they were saved). */
        public Map<String, String> settings() {
            return checkpoint.settings();
        }

        /** The learning rate the run started with, which schedules scale. */
        public double baseLearningRate() {
            return checkpoint.baseLearningRate();
        }

        /** The class name of the optimizer that saved it ({@code Adam}). */
        public String optimizer() {
            return checkpoint.optimizer().optimizer();
        }

        /**
         * Loads the weights, buffers, random layers' generators, optimizer state and learning rate
         * into {@code model} and {@code optimizer}, after checking that they fit, so that a refused
         * checkpoint changes nothing.
         *
         * @throws IllegalArgumentException if the parameter or buffer names or shapes, the random
         *     layers or the optimizer differ from the checkpoint's
         */
        public void restore(Module model, Optimizer optimizer) {
            Map<String, Tensor> parameters = model.namedParameters();
            Map<String, Tensor> buffers = model.namedBuffers();
            CheckpointSession.checkShapes("parameters", parameters, checkpoint.parameters());
            CheckpointSession.checkShapes("buffers", buffers, checkpoint.buffers());
            Map<String, Random> generators = RandomState.generators(model);
            Validate.argument(generators.keySet().equals(checkpoint.generators().keySet()), "resume",
                    "generators for the random layers at " + generators.keySet(), checkpoint.generators().keySet());
            optimizer.loadState(checkpoint.optimizer());
            optimizer.setLearningRate(checkpoint.learningRate());
            CheckpointSession.copy(checkpoint.parameters(), parameters);
            CheckpointSession.copy(checkpoint.buffers(), buffers);
            generators.forEach((path, random) -> RandomState.restore(random, checkpoint.generators().get(path)));
        }
    }

    /**
     * Whether {@code folder} holds checkpoint files ({@code checkpoint-<step>.safetensors}) of some
     * run; false when it does not exist. A new run must not save into such a folder: pruning by
     * step number would delete its files before the old run's.
     */
    public static boolean holdsCheckpoints(Path folder) throws IOException {
        return !CheckpointDirectory.list(folder).isEmpty();
    }

    /**
     * Writes the checkpoint of {@code model}, {@code optimizer} (its state and current learning
     * rate), {@code progress}, {@code history} and the caller's run {@code settings} into
     * {@code folder} (created when missing) as {@code checkpoint-<step>.safetensors}, atomically,
     * and then deletes all but the newest {@code keep} checkpoints and any temporary file a killed
     * save left behind.
     *
     * @param baseLearningRate the optimizer's learning rate when the run started, which schedules
     *                         scale (for a loop without a schedule: the current rate)
     * @return the file written
     * @throws IllegalArgumentException if {@code keep < 1}, or a random layer's generator cannot be saved
     * @throws IOException              if the file cannot be written
     */
    public static Path save(Path folder, int keep, Module model, Optimizer optimizer, double baseLearningRate,
                            Progress progress, History history, Map<String, String> settings) throws IOException {
        Validate.argument(keep >= 1, "Checkpoints.save", "keep >= 1", keep);
        Objects.requireNonNull(settings, "settings");
        Map<String, Long> generators = new LinkedHashMap<>();
        RandomState.generators(model).forEach((path, random) -> generators.put(path, RandomState.read(random)));
        Checkpoint checkpoint = new Checkpoint(
                new Checkpoint.Position(progress.seed(), progress.batchSize(), progress.trainingRows(),
                        progress.stepsPerEpoch(), progress.epochsDone()),
                new Checkpoint.EpochSums(progress.stepsDone(), progress.lossSum(), progress.correct(), progress.seen(),
                        Map.of()),
                baseLearningRate, optimizer.learningRate(), CheckpointSession.stored(model.namedParameters()),
                CheckpointSession.stored(model.namedBuffers()), optimizer.state(), generators,
                List.copyOf(history.epochs()), null, List.of(),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
                // The rows live wherever the caller's loop reads them: only the architecture is known here.
                new RunIdentity(RunIdentity.architectureOf(model), null));
        Files.createDirectories(folder);
        Path target = CheckpointDirectory.fileFor(folder, checkpoint.step());
        CheckpointFile.write(target, checkpoint.metadata(), checkpoint.tensors());
        CheckpointDirectory.prune(folder, keep);
        CheckpointDirectory.deleteLeftovers(folder);
        return target;
    }

    /**
     * The newest checkpoint in {@code folder} that reads back complete; each newer damaged one is
     * reported to {@code warnings} in one line and passed over.
     *
     * @throws java.nio.file.NoSuchFileException if the folder holds no checkpoint file
     * @throws CheckpointFormatException          if none of them reads back complete
     */
    public static Saved latest(Path folder, Consumer<String> warnings) throws IOException {
        CheckpointDirectory.Found found = CheckpointDirectory.latest(folder, warnings);
        return new Saved(found.checkpoint(), found.file());
    }
}
