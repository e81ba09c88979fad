package dev.dendrite.spark;

import dev.dendrite.train.CheckpointPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code spark-train} that define a run, saved in every checkpoint (the checkpoint
 * policy's settings) under the names and in the canonical forms {@code train} uses ({@code lr} as
 * {@code 0.005}, an option left at no value as the empty string), so that {@code spark-train
 * --resume DIR} needs no other option and {@code train --resume DIR} reads a sync-mode run. The
 * settings of {@code train} that {@code spark-train} has no option for are saved at the only value
 * it trains with ({@link #FIXED}); a checkpoint of {@code train} with another value there is refused.
 * Works on the command's picocli model, so an option's value is read and set by its name. Stateless.
 */
final class SparkRunSettings {
    /** The run-defining options, in the order saved; {@code --mode}, {@code --local-steps} and {@code --partitions} are also saved by the trainer. */
    static final List<String> OPTIONS = List.of("--data", "--model", "--loss", "--optimizer", "--lr", "--normalize",
            "--validation-split", "--batch", "--epochs", "--seed", "--mode", "--local-steps", "--partitions",
            "--classes");
    /** {@code train}'s settings without a {@code spark-train} option, at the value spark-train trains with. */
    static final Map<String, String> FIXED = fixed();

    private SparkRunSettings() {
    }

    private static Map<String, String> fixed() {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("weight-decay", "0.0");
        fixed.put("schedule", "constant");
        fixed.put("patience", "0");
        return java.util.Collections.unmodifiableMap(fixed);
    }

    /** The run's settings in the parsed command, keyed by option name without the dashes ({@code lr}). */
    static Map<String, String> of(CommandSpec command) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : OPTIONS) {
            settings.put(name.substring(2), canonical(command.findOption(name).getValue()));
        }
        settings.putAll(FIXED);
        return settings;
    }

    /**
     * Prepares the command to resume the run saved in {@code folder}: each run option not given on
     * the command line takes its saved value; each given one must equal it ({@code --epochs} may
     * be larger).
     *
     * @throws ParameterException naming the first option that differs, or a saved {@code train}
     *                            setting that {@code spark-train} cannot continue
     * @throws IOException        if no checkpoint in the folder reads back complete
     */
    static void restore(CommandSpec command, Path folder) throws IOException {
        Map<String, String> saved = CheckpointPolicy.savedSettings(folder);
        for (Map.Entry<String, String> fixed : FIXED.entrySet()) {
            String value = saved.get(fixed.getKey());
            require(command, value == null || sameNumberOrText(value, fixed.getValue()), "--resume: expected a run "
                    + "that spark-train can continue (--" + fixed.getKey() + " " + fixed.getValue() + "), got --"
                    + fixed.getKey() + " '" + value + "' saved in " + folder + " (continue it with train --resume "
                    + folder + ")");
        }
        ParseResult parsed = command.commandLine().getParseResult();
        for (String name : OPTIONS) {
            String value = saved.get(name.substring(2));
            if (value == null) {
                continue;
            }
            OptionSpec option = command.findOption(name);
            if (!parsed.hasMatchedOption(name)) {
                option.setValue(parse(option.type(), value));
                continue;
            }
            String given = canonical(option.getValue());
            if (name.equals("--epochs")) {
                require(command, Integer.parseInt(given) >= Integer.parseInt(value), "--epochs: expected at least "
                        + value + ", the epochs of the run saved in " + folder + ", got " + given);
            } else {
                require(command, given.equals(value), name + ": expected " + shown(value) + " as saved in " + folder
                        + " for the run it resumes, got " + shown(given) + " (leave " + name + " out to use the saved "
                        + "value)");
            }
        }
    }

    /** {@code train}'s form of a value: the empty string for none, Java's shortest exact form for a double. */
    private static String canonical(Object value) {
        return value == null ? "" : value instanceof Double d ? Double.toString(d) : value.toString();
    }

    private static Object parse(Class<?> type, String text) {
        if (text.isEmpty() && !type.isPrimitive()) {
            return null;
        }
        if (type == double.class || type == Double.class) {
            return Double.valueOf(text);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.valueOf(text);
        }
        return text;
    }

    private static boolean sameNumberOrText(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    private static void require(CommandSpec command, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(command.commandLine(), message);
        }
    }

    private static String shown(String value) {
        return value.isEmpty() ? "the default" : "'" + value + "'";
    }
}
