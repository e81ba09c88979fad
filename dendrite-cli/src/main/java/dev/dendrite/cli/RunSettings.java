package dev.dendrite.cli;

import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.ResumePoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code dendrite train} that define a run: saved in every checkpoint (as the
 * checkpoint policy's {@link CheckpointPolicy#settings settings}), so that {@code train --resume DIR}
 * needs no other option, and checked against the options given beside {@code --resume}, which must
 * equal the saved ones; only {@code --epochs} may grow. Output and checkpoint options
 * ({@link #NOT_SETTINGS}) are not part of a run and may change; every other option of {@code train}
 * must be a setting here (a test checks it). Values are compared in a canonical form ({@code --lr 1e-2} equals a
 * saved {@code 0.01}); an option left at its default is saved as the empty string. Stateless.
 */
final class RunSettings {
    /** One option: its name, its canonical value in the command, and how to set it from that value. */
    private record Setting(String option, Function<TrainCommand, String> read, BiConsumer<TrainCommand, String> write) {
        String key() {
            return option.substring(2);
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("--data", c -> c.data, (c, v) -> c.data = v),
            new Setting("--model", c -> text(c.model), (c, v) -> c.model = orNull(v)),
            new Setting("--loss", c -> text(c.loss), (c, v) -> c.loss = orNull(v)),
            new Setting("--optimizer", c -> c.optimizer, (c, v) -> c.optimizer = v),
            new Setting("--lr", c -> c.learningRate == null ? "" : Double.toString(c.learningRate),
                    (c, v) -> c.learningRate = v.isEmpty() ? null : Double.valueOf(v)),
            new Setting("--weight-decay", c -> Double.toString(c.weightDecay),
                    (c, v) -> c.weightDecay = Double.parseDouble(v)),
            new Setting("--schedule", c -> c.schedule, (c, v) -> c.schedule = v),
            new Setting("--normalize", c -> c.normalize, (c, v) -> c.normalize = v),
            new Setting("--validation-split", c -> Double.toString(c.validationSplit),
                    (c, v) -> c.validationSplit = Double.parseDouble(v)),
            new Setting("--batch", c -> Integer.toString(c.batch), (c, v) -> c.batch = Integer.parseInt(v)),
            new Setting("--epochs", c -> Integer.toString(c.epochs), (c, v) -> c.epochs = Integer.parseInt(v)),
            new Setting("--augment", c -> c.augment.trim(), (c, v) -> c.augment = v),
            new Setting("--seed", c -> Long.toString(c.seed), (c, v) -> c.seed = Long.parseLong(v)),
            new Setting("--patience", c -> Integer.toString(c.patience), (c, v) -> c.patience = Integer.parseInt(v)));

    /** The options of {@code train} that are not part of a run and may change on resume. */
    static final Set<String> NOT_SETTINGS = Set.of("--out", "--report", "--checkpoint", "--checkpoint-every",
            "--checkpoint-every-epochs", "--keep", "--resume", "--debug", "--ui", "--ui-port", "--quiet", "--verbose",
            "--help", "--version");

    /** The setting {@code spark-train} adds ({@code sync} or {@code average}); train ignores its other ones. */
    private static final String SPARK_MODE = "mode";

    private RunSettings() {
    }

    /** The options saved as run settings, in order. */
    static List<String> options() {
        return SETTINGS.stream().map(Setting::option).toList();
    }

    /** The run's settings in {@code command}, keyed by option name without the dashes ({@code lr}). */
    static Map<String, String> of(TrainCommand command) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting setting : SETTINGS) {
            settings.put(setting.key(), setting.read().apply(command));
        }
        return settings;
    }

    /**
     * Prepares {@code command} to resume the run saved in {@code folder}: each run option not given
     * on the command line takes its saved value; each given one must equal it ({@code --epochs} may
     * be larger). Checkpoints written before settings were saved hold none; their runs still need
     * their options given, unchecked, as before.
     *
     * @param saved the settings of the checkpoint it resumes from ({@link ResumePoint#settings})
     * @throws ParameterException naming the first option that differs from the saved run
     */
    static void restore(TrainCommand command, ParseResult parsed, Path folder, Map<String, String> saved) {
        // spark-train saves its mode: a sync round is train's step, a parameter-averaging round is not.
        String mode = saved.get(SPARK_MODE);
        require(command, mode == null || mode.equals("sync"), "--resume: expected a checkpoint of train or of "
                + "spark-train --mode sync, got one of spark-train --mode " + mode + " in " + folder + ", whose rounds "
                + "are not train's steps (continue it with spark-train --resume " + folder + ")");
        for (Setting setting : SETTINGS) {
            String value = saved.get(setting.key());
            if (value == null) {
                continue;
            }
            if (!parsed.hasMatchedOption(setting.option())) {
                setting.write().accept(command, value);
                continue;
            }
            String given = setting.read().apply(command);
            if (setting.option().equals("--epochs")) {
                require(command, Integer.parseInt(given) >= Integer.parseInt(value), "--epochs: expected at least "
                        + value + ", the epochs of the run saved in " + folder + ", got " + given);
            } else {
                require(command, given.equals(value), setting.option() + ": expected " + shown(value)
                        + " as saved in " + folder + " for the run it resumes, got " + shown(given)
                        + " (leave " + setting.option() + " out to use the saved value)");
            }
        }
    }

    private static void require(TrainCommand command, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(command.spec.commandLine(), message);
        }
    }

    private static String shown(String value) {
        return value.isEmpty() ? "the default" : "'" + value + "'";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
