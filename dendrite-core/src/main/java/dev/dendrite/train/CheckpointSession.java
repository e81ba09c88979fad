package dev.dendrite.train;

import dev.dendrite.data.Batches;
import dev.dendrite.io.StoredTensor;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.train.Checkpoint.EpochSums;
import dev.dendrite.train.Checkpoint.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One {@link Trainer#fit} run's side of checkpointing: restores a resumed run's state before the
 * first epoch, and saves checkpoints after batches and epochs as the {@link CheckpointPolicy}
 * says, holding the folder's {@link CheckpointLock} from construction to {@link #close}. Without a
 * policy and without a checkpoint to resume from, every hook does nothing. Mutable; belongs to one
 * run on one thread.
 */
final class CheckpointSession implements AutoCloseable {
    private final CheckpointPolicy policy;
    private final Module model;
    private final Optimizer optimizer;
    private final List<StatefulCallback> callbacks;
    private final Position shape;
    private final int epochs;
    private final RunIdentity identity;
    private final History history = new History();
    private final double baseLearningRate;
    private final boolean lowerIsBetter;
    private EpochSums resumedSums;
    private int firstEpoch = 1;
    private String stopReason;
    private long lastSavedStep;
    private boolean savePending;
    private double best = Double.NaN;
    private CheckpointLock lock;

    /**
     * Restores {@code resumed} (null for a fresh run) into the model, optimizer, Dropout
     * generators and stateful callbacks, checking first that it belongs to this run, so a refused
     * checkpoint changes nothing.
     *
     * @throws IllegalArgumentException if the checkpoint's batches, architecture, training rows,
     *     parameters, optimizer, generators or stateful callbacks do not match this run, or it is
     *     past the end of a run of {@code epochs} epochs
     * @throws IllegalStateException    if the policy's folder holds another run's checkpoints, or
     *                                  another run holds its lock ({@link CheckpointLock})
     * @throws UncheckedIOException     if the checkpoint folder cannot be prepared
     */
    CheckpointSession(CheckpointPolicy policy, CheckpointDirectory.Found resumed, Module model, Optimizer optimizer,
            List<Callback> callbacks, Batches batches, long seed, int epochs) {
        this.policy = policy;
        this.epochs = epochs;
        this.identity = policy == null && resumed == null ? RunIdentity.UNKNOWN
                : RunIdentity.of(model, batches.dataset());
        this.model = model;
        this.optimizer = optimizer;
        this.callbacks = CheckpointCallbacks.statefulOf(callbacks);
        this.shape = new Position(seed, batches.batchSize(), batches.dataset().size(), batches.batchesPerEpoch(), 0);
        String monitor = policy == null ? "" : policy.monitor();
        this.lowerIsBetter = Metrics.lowerIsBetter(monitor);
        try {
            if (policy != null) {
                lock = CheckpointLock.acquire(policy.directory());
                prepareFolder(resumed);
            }
            if (resumed != null) {
                restore(resumed.checkpoint());
                if (policy != null && sameFolder(resumed)) {
                    CheckpointDirectory.setAside(resumed.skipped());
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.baseLearningRate = resumed == null ? optimizer.learningRate() : resumed.checkpoint().baseLearningRate();
    }

    /** Releases the folder's lock, if this session holds it; training has ended. */
    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: could not release " + policy.directory(), e);
        } finally {
            lock = null;
        }
    }

    /** Creates the folder, refuses another run's checkpoints, and deletes a killed save's temporary files. */
    private void prepareFolder(CheckpointDirectory.Found resumed) throws IOException {
        Files.createDirectories(policy.directory());
        int existing = CheckpointDirectory.list(policy.directory()).size();
        // Pruning by step number would delete the new run's checkpoints before an older run's.
        Validate.state(existing == 0 || (resumed != null && sameFolder(resumed)), "checkpoint",
                "an empty folder for a new run", policy.directory() + " with " + existing + " checkpoint"
                        + (existing == 1 ? "" : "s") + " of another run; resume that run from it or choose "
                        + "another folder");
        CheckpointDirectory.deleteLeftovers(policy.directory());
    }

    private boolean sameFolder(CheckpointDirectory.Found resumed) throws IOException {
        return Files.isSameFile(policy.directory(), resumed.file().getParent());
    }

    private void restore(Checkpoint checkpoint) {
        Position saved = checkpoint.position();
        Validate.argument(saved.equals(new Position(shape.seed(), shape.batchSize(), shape.trainingRows(),
                shape.batchesPerEpoch(), saved.epochsDone())), "resume", "a checkpoint of this run (" + describe(shape)
                + ")", "one of " + describe(saved));
        // Otherwise no epoch would run and the model would keep the weights of a later point, unlabelled.
        boolean inside = saved.epochsDone() < epochs || saved.epochsDone() == epochs && checkpoint.sums().batches() == 0;
        Validate.argument(inside, "resume", () -> "a run of at least " + (saved.epochsDone()
                + (checkpoint.sums().batches() > 0 ? 1 : 0)) + " epochs, as far as the checkpoint got ("
                + saved.epochsDone() + " epochs" + (checkpoint.sums().batches() > 0 ? " and " + checkpoint.sums()
                .batches() + " batches of the next" : "") + ")", () -> "a run of " + epochs + " epochs; a resumed "
                + "run cannot end before its checkpoint");
        Map<String, Tensor> parameters = model.namedParameters();
        Map<String, Tensor> buffers = model.namedBuffers();
        checkShapes("parameters", parameters, checkpoint.parameters());
        checkShapes("buffers", buffers, checkpoint.buffers());
        identity.check(checkpoint.identity());
        Map<String, Random> generators = RandomState.generators(model);
        Validate.argument(generators.keySet().equals(checkpoint.generators().keySet()), "resume",
                "generators for the Dropout layers at " + generators.keySet(), checkpoint.generators().keySet());
        CheckpointCallbacks.check(callbacks, checkpoint.callbacks());
        CheckpointCallbacks.restore(callbacks, checkpoint.callbacks());
        optimizer.loadState(checkpoint.optimizer());
        optimizer.setLearningRate(checkpoint.learningRate());
        copy(checkpoint.parameters(), parameters);
        copy(checkpoint.buffers(), buffers);
        generators.forEach((path, random) -> RandomState.restore(random, checkpoint.generators().get(path)));
        checkpoint.history().forEach(history::add);
        history.epochs().forEach(this::track);
        stopReason = checkpoint.stopReason();
        firstEpoch = saved.epochsDone() + 1;
        resumedSums = checkpoint.sums().batches() > 0 ? checkpoint.sums() : null;
        lastSavedStep = checkpoint.step();
    }

    static void checkShapes(String what, Map<String, Tensor> model, Map<String, StoredTensor> saved) {
        Map<String, String> expected = new LinkedHashMap<>();
        model.forEach((name, tensor) -> expected.put(name, Arrays.toString(tensor.shape().dims())));
        Map<String, String> found = new LinkedHashMap<>();
        saved.forEach((name, stored) -> found.put(name, Arrays.toString(stored.shape())));
        Validate.argument(expected.equals(found), "resume", () -> "the model's " + what + " " + expected, () -> found);
    }

    static void copy(Map<String, StoredTensor> saved, Map<String, Tensor> into) {
        into.forEach((name, tensor) -> {
            float[] values = saved.get(name).values();
            System.arraycopy(values, 0, tensor.data(), 0, values.length);
        });
    }

    static Map<String, StoredTensor> stored(Map<String, Tensor> tensors) {
        Map<String, StoredTensor> stored = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> stored.put(name, new StoredTensor(tensor.shape().dims(), tensor.data())));
        return stored;
    }

    private static String describe(Position position) {
        return "seed " + position.seed() + ", batch size " + position.batchSize() + ", " + position.trainingRows()
                + " training rows";
    }

    /** The history, holding a resumed run's finished epochs. */
    History history() {
        return history;
    }

    /** The learning rate that schedules scale: the optimizer's at the start of the original run. */
    double baseLearningRate() {
        return baseLearningRate;
    }

    /** The first epoch to run, from 1. */
    int firstEpoch() {
        return firstEpoch;
    }

    /** Why a resumed run had already stopped, or null. */
    String stopReason() {
        return stopReason;
    }

    /** The sums to start {@code epoch} from when a run resumes inside it (its first batches are skipped), else null. */
    EpochSums resumedSums(int epoch) {
        EpochSums sums = epoch == firstEpoch ? resumedSums : null;
        if (sums != null) {
            resumedSums = null;
        }
        return sums;
    }

    /** After batch {@code batch} (from 1) of {@code epoch}: saves when the step count is due. */
    void afterBatch(int epoch, int batch, double lossSum, long correct, long seen, LayerMonitor monitor) {
        if (policy == null || policy.everyBatches() == 0) {
            return;
        }
        long step = (long) (epoch - 1) * shape.batchesPerEpoch() + batch;
        if (step % policy.everyBatches() != 0) {
            return;
        }
        if (batch == shape.batchesPerEpoch()) {
            savePending = true;   // saved after validation, with the epoch's record
            return;
        }
        save(new EpochSums(batch, lossSum, correct, seen, monitor.runningState()), epoch - 1, null);
    }

    /** After {@code epoch} is recorded and the callbacks ran: the best file, then a due checkpoint. */
    void afterEpoch(EpochRecord record, String stopReason) {
        if (policy == null) {
            return;
        }
        this.stopReason = stopReason;
        if (track(record)) {
            save(EpochSums.ZERO, record.epoch(), policy.directory().resolve(CheckpointDirectory.BEST));
        }
        boolean due = policy.everyEpochs() > 0 && record.epoch() % policy.everyEpochs() == 0;
        if (due || savePending) {
            savePending = false;
            save(EpochSums.ZERO, record.epoch(), null);
        }
    }

    /** When training ends: saves the last finished epoch unless that is already saved. */
    void end(String stopReason) {
        this.stopReason = stopReason;
        int epochs = history.size() == 0 ? 0 : history.last().epoch();
        if (policy != null && (long) epochs * shape.batchesPerEpoch() > lastSavedStep) {
            save(EpochSums.ZERO, epochs, null);
        }
    }

    /** Whether {@code record} improves the monitored metric; remembers the best value. */
    private boolean track(EpochRecord record) {
        if (policy == null || !record.metrics().containsKey(policy.monitor())) {
            return false;
        }
        double value = record.get(policy.monitor());
        boolean better = Double.isNaN(best) || (lowerIsBetter ? value < best : value > best);
        if (better) {
            best = value;
        }
        return better;
    }

    /** Writes the run's state; {@code file} null means the next numbered checkpoint, then prunes. */
    private void save(EpochSums sums, int epochsDone, Path file) {
        Map<String, Long> generators = new LinkedHashMap<>();
        RandomState.generators(model).forEach((path, random) -> generators.put(path, RandomState.read(random)));
        Position position = new Position(shape.seed(), shape.batchSize(), shape.trainingRows(),
                shape.batchesPerEpoch(), epochsDone);
        Checkpoint checkpoint = new Checkpoint(position, sums, baseLearningRate, optimizer.learningRate(),
                stored(model.namedParameters()), stored(model.namedBuffers()), optimizer.state(), generators,
                List.copyOf(history.epochs()), stopReason, CheckpointCallbacks.save(callbacks), policy.settings(),
                identity);
        Path target = file != null ? file : CheckpointDirectory.fileFor(policy.directory(), checkpoint.step());
        try {
            CheckpointFile.write(target, checkpoint.metadata(), checkpoint.tensors());
            if (file == null) {
                lastSavedStep = checkpoint.step();
                CheckpointDirectory.prune(policy.directory(), policy.keep());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: could not write " + target + ": " + e.getMessage(), e);
        }
    }
}
