package dev.dendrite.spark;

import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Validate;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.Checkpoints;
import dev.dendrite.train.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@link SparkTrainer} run's side of checkpointing, as core's {@code CheckpointSession} is
 * {@code Trainer}'s: the checks before a run starts or resumes, and saving through core's
 * {@link Checkpoints} at {@code Trainer}'s moments: every N rounds (one that ends an epoch after
 * the epoch's record), every N epochs, and at the end. A checkpoint's step is the round; its
 * progress is {@code (seed, batch, rows, rounds an epoch)}; its run settings are the policy's plus
 * {@value #MODE}, {@value #LOCAL_STEPS} and {@value #PARTITIONS}, named as {@code spark-train}'s
 * options. Without a policy every hook does nothing. Mutable; belongs to one run on the driver.
 */
final class SparkCheckpoints {
    static final String MODE = "mode";
    static final String LOCAL_STEPS = "local-steps";
    static final String PARTITIONS = "partitions";

    private final CheckpointPolicy policy;
    private final Sequential model;
    private final Optimizer optimizer;
    private final TrainingPlan plan;
    private final double baseRate;
    private long lastSaved;
    private boolean pending;

    /** Hooks for a run that starts at {@code round} (0, or the round resumed from). */
    SparkCheckpoints(CheckpointPolicy policy, Sequential model, Optimizer optimizer, TrainingPlan plan,
                     double baseRate, long round) {
        this.policy = policy;
        this.model = model;
        this.optimizer = optimizer;
        this.plan = plan;
        this.baseRate = baseRate;
        this.lastSaved = round;
    }

    /**
     * Refuses a checkpoint of another run: its mode, local steps and partitions (parameter
     * averaging), seed, batch, rows and rounds an epoch must be this plan's. {@code Trainer}'s
     * checkpoints, which have no mode, are sync mode's.
     *
     * @throws IllegalArgumentException naming both runs
     */
    static void checkResumable(Checkpoints.Saved saved, TrainingPlan plan) {
        String expected = describe(plan.mode().toString().toLowerCase(Locale.ROOT), Integer.toString(plan.localSteps()),
                Integer.toString(plan.partitions()), plan.seed(), plan.batch(), plan.totalRows(), plan.roundsPerEpoch());
        Checkpoints.Progress progress = saved.progress();
        Map<String, String> run = saved.settings();
        String found = describe(run.getOrDefault(MODE, "sync"), run.getOrDefault(LOCAL_STEPS, "1"),
                run.getOrDefault(PARTITIONS, Integer.toString(plan.partitions())), progress.seed(),
                progress.batchSize(), progress.trainingRows(), progress.stepsPerEpoch());
        Validate.argument(expected.equals(found), "resume " + saved.file(), "a checkpoint of this run (" + expected
                + ")", "one of " + found);
    }

    private static String describe(String mode, String localSteps, String partitions, long seed, int batch, long rows,
                                   int rounds) {
        String averaging = mode.equals("average") ? ", " + localSteps + " local steps, " + partitions + " partitions"
                : "";
        return mode + " mode" + averaging + ", seed " + seed + ", batch " + batch + ", " + rows + " rows, " + rounds
                + " rounds an epoch";
    }

    /**
     * Refuses to save into a folder holding another run's checkpoints (pruning by step would delete
     * the new run's first): allowed only when it is {@code resumedFrom}.
     *
     * @throws IllegalStateException naming the folder
     */
    static void checkFolder(CheckpointPolicy policy, Path resumedFrom) {
        if (policy == null) {
            return;
        }
        try {
            if (Checkpoints.holdsCheckpoints(policy.directory())
                    && (resumedFrom == null || !Files.isSameFile(policy.directory(), resumedFrom))) {
                Validate.state(false, "checkpoint", resumedFrom == null ? "an empty folder for a new run"
                        : "an empty folder or the one resumed from", policy.directory() + " with checkpoints of "
                        + "another run; resume that run from it or choose another folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(policy.directory() + ": " + e.getMessage(), e);
        }
    }

    /** After round {@code round} (counted from 1 over the run): saves when the policy's round count is due. */
    void afterRound(long round, double[] sums, History history) {
        if (policy == null || policy.everyBatches() == 0 || round % policy.everyBatches() != 0) {
            return;
        }
        if (round % plan.roundsPerEpoch() == 0) {
            pending = true;   // saved after the epoch's record
        } else {
            save(round, sums, history);
        }
    }

    /** After an epoch's record: saves a due checkpoint. */
    void afterEpoch(long round, History history) {
        int epoch = (int) (round / plan.roundsPerEpoch());
        if (policy != null && (pending || policy.everyEpochs() > 0 && epoch % policy.everyEpochs() == 0)) {
            pending = false;
            save(round, new double[3], history);
        }
    }

    /** When training ends: saves the last round unless that is already saved. */
    void end(long round, History history) {
        if (policy != null && round > lastSaved) {
            save(round, new double[3], history);
        }
    }

    /** {@code sums}: the epoch's loss sum, correct predictions and rows so far. */
    private void save(long round, double[] sums, History history) {
        int perEpoch = plan.roundsPerEpoch();
        Checkpoints.Progress progress = new Checkpoints.Progress(plan.seed(), plan.batch(), plan.totalRows(),
                perEpoch, (int) (round / perEpoch), (int) (round % perEpoch), sums[0], (long) sums[1], (long) sums[2]);
        Map<String, String> run = new LinkedHashMap<>(policy.settings());
        run.put(MODE, plan.mode().toString().toLowerCase(Locale.ROOT));
        run.put(LOCAL_STEPS, Integer.toString(plan.localSteps()));
        run.put(PARTITIONS, Integer.toString(plan.partitions()));
        try {
            Checkpoints.save(policy.directory(), policy.keep(), model, optimizer, baseRate, progress, history, run);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint: could not write round " + round + " into "
                    + policy.directory() + ": " + e.getMessage(), e);
        }
        lastSaved = round;
    }
}
