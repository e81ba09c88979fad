package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code dendrite} command line in-process through {@link Main#run} and keeps what it
 * printed, for the end-to-end tests of the commands.
 *
 * @param code the exit code: 0 ok, 1 failure, 2 usage error
 * @param out  everything printed to standard output
 * @param err  everything printed to standard error
 */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs the arguments and fails with what was printed unless the exit code is 0. */
    public static CliRun ok(String... args) {
        CliRun run = of(args);
        assertEquals(0, run.code, () -> "exit code of " + String.join(" ", args) + "\nout:\n" + run.out + "\nerr:\n"
                + run.err);
        return run;
    }

    /** Trains quietly into {@code directory}/{@code name}.safetensors with a report beside it; returns the model file. */
    public static Path train(Path directory, String name, String... options) {
        Path model = directory.resolve(name + ".safetensors");
        String[] args = new String[options.length + 6];
        args[0] = "train";
        args[1] = "--quiet";
        args[2] = "--out";
        args[3] = model.toString();
        args[4] = "--report";
        args[5] = directory.resolve(name + "-report").toString();
        System.arraycopy(options, 0, args, 6, options.length);
        ok(args);
        return model;
    }

    /**
     * Checks the failure contract: this exit code and exactly one line on standard error, without
     * stack frames, containing every fragment.
     */
    public CliRun assertFails(int expectedCode, String... fragments) {
        assertEquals(expectedCode, code, () -> "exit code; out:\n" + out + "\nerr:\n" + err);
        String message = err.strip();
        assertFalse(message.isEmpty(), "an error message on stderr");
        assertEquals(1, message.lines().count(), () -> "one line on stderr, got:\n" + err);
        assertFalse(err.contains("\tat "), () -> "no stack trace without --verbose, got:\n" + err);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "stderr should contain '" + fragment + "', got: " + message);
        }
        return this;
    }

    /** The number captured by {@code pattern}'s first group in the output; fails when absent. */
    public double number(String pattern) {
        return Double.parseDouble(group(pattern));
    }

    /** The text captured by {@code pattern}'s first group in the output; fails when absent. */
    public String group(String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(out);
        if (!matcher.find()) {
            fail("no match for /" + pattern + "/ in:\n" + out);
        }
        return matcher.group(1);
    }
}
