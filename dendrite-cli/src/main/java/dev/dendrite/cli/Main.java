package dev.dendrite.cli;

import dev.dendrite.cli.bench.BenchCommand;
import dev.dendrite.cli.plot.PlotCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine;

/**
 * The {@code dendrite} command. {@link #run} returns the exit code instead of exiting, so the
 * command line can be tested in-process: 0 on success, 1 when the work failed (bad data, bad
 * model file), 2 for usage errors (unknown flag, missing value).
 */
@Command(name = "dendrite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep learning from scratch in pure Java.")
public final class Main implements Runnable {
    /**
     * The commands, in the order help lists them. Picocli builds a command's whole model (every
     * option, description and subcommand) when it is added, which for all of them took longer
     * than the JVM's own start; so a run adds only the command it names ({@link #commandLine}).
     */
    static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
            SummaryCommand.class, ExportCommand.class, ImportCommand.class, TraceCommand.class, PlotCommand.class,
            UiCommand.class, DataCommand.class, BenchCommand.class, DemoCommand.class, ExampleCommand.class,
            CommandLine.HelpCommand.class);


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e)
                        + " (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
                return 2;
            }
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine cmd = e.getCommandLine();
            // The full name, as for failures: "boundary: ..." alone does not say which command.
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + usageMessage(e)
                    + " (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // An Error passes picocli's exception handler by; it still gets the one line.
            err.println("dendrite: " + oneLine(e));
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line for {@code args}: with only the command that {@code args[0]} names, or with
     * all of them when it names none (no arguments, {@code --help}, {@code help}, a typo), so that
     * usage, help and "did you mean" see every command.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        Class<?> named = null;
        for (Class<?> command : COMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (annotation.name().equals(first) && command != CommandLine.HelpCommand.class) {
                named = command;
            }
        }
        for (Class<?> command : COMMANDS) {
            if (named == null || command == named) {
                commandLine.addSubcommand(command);
            }
        }
        HelpFooter.install(commandLine);
        return commandLine;
    }

    /**
     * The usage error in one line. An unknown command lists the commands (picocli says only
     * "Unmatched argument at index 0"); a mistyped option gets picocli's closest guess, which its own
     * handler would have printed on further lines.
     */
    private static String usageMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine cmd = e.getCommandLine();
            List<String> arguments = unmatched.getUnmatched();
            if (!cmd.getSubcommands().isEmpty() && !arguments.isEmpty() && !arguments.get(0).startsWith("-")) {
                String closest = closest(arguments.get(0), cmd.getSubcommands().keySet());
                return "expected a command (" + String.join(", ", cmd.getSubcommands().keySet()) + "), got '"
                        + arguments.get(0) + "'" + (closest == null ? "" : "; did you mean " + closest + "?");
            }
            if (!unmatched.getSuggestions().isEmpty()) {
                return oneLine(e) + "; did you mean " + unmatched.getSuggestions().get(0) + "?";
            }
        }
        return oneLine(e);
    }

    /** The name within two edits of {@code typed} (a swap counts as one), the nearest first, or null. */
    static String closest(String typed, Iterable<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String name : names) {
            int distance = editDistance(typed, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String oneLine(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); try a smaller batch or more heap (DENDRITE_JVM_OPTS=-Xmx4g)";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/dendrite-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"dendrite " + properties.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ", "
                    + (dev.dendrite.tensor.kernel.VectorSupport.available() ? "Vector API" : "scalar kernels") + ")"};
        }
    }
}
