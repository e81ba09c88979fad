package dev.dendrite.train;

import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When and where a {@link Trainer} saves checkpoints, from which {@link Trainer#resume} continues
 * a run bit for bit. The layout of the folder and of each file is described in
 * {@code docs/checkpoints.md}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, loss, optimizer).epochs(50)
 *         .checkpoints(CheckpointPolicy.in(Path.of("checkpoints")).everyBatches(200).keep(3))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: a checkpoint after every epoch ({@code everyEpochs(1)}), the newest 3 kept, the
 * best epoch by {@code val_loss} kept separately as {@code best.safetensors}, warnings to standard
 * error. Whatever the schedule, a last checkpoint is written when training ends. One run per
 * folder: a run holds the folder's {@link CheckpointLock} while it trains, so a second run on it is
 * refused naming the first one's process; a new run refuses a folder that holds checkpoints
 * (resume them instead); and a run deletes the temporary files that killed saves of ended
 * processes left there.
 *
 * <p>Immutable and thread-safe: each setter returns a new policy.
 */
public final class CheckpointPolicy {
    private final Path directory;
    private final int everyBatches;
    private final int everyEpochs;
    private final int keep;
    private final String monitor;
    private final Consumer<String> warnings;
    private final Map<String, String> settings;

    private CheckpointPolicy(Path directory, int everyBatches, int everyEpochs, int keep, String monitor,
            Consumer<String> warnings, Map<String, String> settings) {
        this.directory = directory;
        this.everyBatches = everyBatches;
        this.everyEpochs = everyEpochs;
        this.keep = keep;
        this.monitor = monitor;
        this.warnings = warnings;
        this.settings = settings;
    }

    /** Checkpoints in {@code directory} (created when missing), with the defaults. */
    public static CheckpointPolicy in(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new CheckpointPolicy(directory, 0, 1, 3, "val_loss", System.err::println, Map.of());
    }

    /**
     * A checkpoint every {@code batches} optimizer steps, counted over the whole run, instead of
     * after every few epochs; one that falls on an epoch's last batch is written after that epoch's
     * validation, so it includes the epoch's record.
     */
    public CheckpointPolicy everyBatches(int batches) {
        Validate.argument(batches > 0, "CheckpointPolicy", "everyBatches > 0", batches);
        return new CheckpointPolicy(directory, batches, 0, keep, monitor, warnings, settings);
    }

    /** A checkpoint after every {@code epochs} epochs (the default, with 1), instead of every few batches. */
    public CheckpointPolicy everyEpochs(int epochs) {
        Validate.argument(epochs > 0, "CheckpointPolicy", "everyEpochs > 0", epochs);
        return new CheckpointPolicy(directory, 0, epochs, keep, monitor, warnings, settings);
    }

    /** Keeps the newest {@code count} checkpoints (default 3) and deletes older ones. */
    public CheckpointPolicy keep(int count) {
        Validate.argument(count > 0, "CheckpointPolicy", "keep > 0", count);
        return new CheckpointPolicy(directory, everyBatches, everyEpochs, count, monitor, warnings, settings);
    }

    /**
     * The epoch metric that picks {@code best.safetensors} (default {@code val_loss}); names ending
     * in {@code loss}, {@code rmse} or {@code mae} improve downwards, others upwards. Epochs without
     * the metric (no validation set) write no best file.
     */
    public CheckpointPolicy monitor(String metric) {
        Objects.requireNonNull(metric, "metric");
        return new CheckpointPolicy(directory, everyBatches, everyEpochs, keep, metric, warnings, settings);
    }

    /** Where warning lines go, such as a skipped damaged checkpoint (default: standard error). */
    public CheckpointPolicy warnings(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return new CheckpointPolicy(directory, everyBatches, everyEpochs, keep, monitor, sink, settings);
    }

    /**
     * Run settings that every checkpoint stores as it is given and {@link #savedSettings} reads back,
     * so that a program can resume a run from its folder alone (default: none). Dendrite does not
     * interpret them; a command line stores its options here, for example
     * {@code Map.of("data", "iris", "lr", "0.001")}.
     *
     * @throws IllegalArgumentException if a key or value is null
     */
    public CheckpointPolicy settings(Map<String, String> runSettings) {
        Objects.requireNonNull(runSettings, "runSettings");
        Map<String, String> copy = new LinkedHashMap<>();
        runSettings.forEach((key, value) -> {
            Validate.argument(key != null && value != null, "CheckpointPolicy.settings",
                    "keys and values that are not null", () -> key + " = " + value);
            copy.put(key, value);
        });
        return new CheckpointPolicy(directory, everyBatches, everyEpochs, keep, monitor, warnings,
                Collections.unmodifiableMap(copy));
    }

    /**
     * The {@link #settings} of the run saved in {@code directory}, from its newest checkpoint that
     * reads back complete; empty for checkpoints written before settings were saved. Damaged newer
     * checkpoints are passed over silently here; {@link Trainer#resume} reports them.
     *
     * @throws java.nio.file.NoSuchFileException if the folder holds no checkpoint file
     * @throws CheckpointFormatException         if none of them reads back complete
     * @throws IOException                       if the folder cannot be read
     */
    public static Map<String, String> savedSettings(Path directory) throws IOException {
        return CheckpointDirectory.latest(directory, warning -> { }).checkpoint().settings();
    }

    /**
     * Where {@link Trainer#resume} would continue the run saved in {@code directory}: its newest
     * checkpoint that reads back complete, or empty when the folder is missing or holds no
     * checkpoint file yet (a run stopped before its first save), so a caller can start that run
     * from the beginning instead. Damaged newer checkpoints are passed over silently here.
     *
     * @throws CheckpointFormatException if the folder holds checkpoint files and none reads back complete
     */
    public static Optional<ResumePoint> resumePoint(Path directory) throws IOException {
        if (CheckpointDirectory.list(directory).isEmpty()) {
            return Optional.empty();
        }
        CheckpointDirectory.Found found = CheckpointDirectory.latest(directory, warning -> { });
        Checkpoint checkpoint = found.checkpoint();
        return Optional.of(new ResumePoint(found.file(), checkpoint.step(), checkpoint.position().epochsDone(),
                checkpoint.sums().batches(), checkpoint.settings()));
    }

    /** The folder. */
    public Path directory() {
        return directory;
    }

    /** Steps between checkpoints, or 0 when they follow epochs. */
    public int everyBatches() {
        return everyBatches;
    }

    /** Epochs between checkpoints, or 0 when they follow steps. */
    public int everyEpochs() {
        return everyEpochs;
    }

    /** How many checkpoints are kept. */
    public int keep() {
        return keep;
    }

    /** The metric that picks the best checkpoint. */
    public String monitor() {
        return monitor;
    }

    /** The run settings every checkpoint stores, unmodifiable, in the order given. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The sink of warning lines. */
    public Consumer<String> warnings() {
        return warnings;
    }

    /** For example {@code CheckpointPolicy(directory=ck, everyBatches=200, keep=3, monitor=val_loss)}. */
    @Override
    public String toString() {
        return "CheckpointPolicy(directory=" + directory + (everyBatches > 0 ? ", everyBatches=" + everyBatches
                : ", everyEpochs=" + everyEpochs) + ", keep=" + keep + ", monitor=" + monitor + ")";
    }
}
