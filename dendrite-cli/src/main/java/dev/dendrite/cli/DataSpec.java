package dev.dendrite.cli;

import dev.dendrite.data.Bundled;
import dev.dendrite.data.Csv;
import dev.dendrite.data.CsvOptions;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Mnist;
import dev.dendrite.data.Moons;
import dev.dendrite.data.PiecewiseLinear;
import dev.dendrite.data.Sine;
import dev.dendrite.data.Spiral;
import dev.dendrite.data.Xor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a data SPEC from the command line into datasets: {@code digits}, {@code iris} (bundled),
 * {@code spiral}, {@code xor}, {@code moons}, {@code sine} (generated from the seed),
 * {@code mnist:DIR}, {@code fashion-mnist:DIR} (IDX files, with their own test split) and
 * {@code csv:FILE[:LABEL]}.
 *
 * <p>Bundled and generated sets ({@code digits}, {@code iris}, {@code spiral}, ...) get a test
 * split too: {@value #TEST_PERCENT}% of the rows, class by class, held out with a fixed seed, so
 * that {@code train} never sees them whatever its {@code --seed}, and {@code evaluate} scores them.
 *
 * @param training   the data to train on
 * @param test       a separate test split when the source has one, else null
 * @param testSource where the test split comes from, for {@code evaluate} to say what it scored
 */
public record DataSpec(Dataset training, Dataset test, String testSource) {
    /** The share of a bundled or generated set held out for testing, in percent. */
    public static final int TEST_PERCENT = 20;
    /** Fixed, so that no {@code --seed} moves test rows into training. */
    private static final long TEST_SPLIT_SEED = 20_261_201L;

    /** Data without a separate test split: {@code evaluate} scores all of it. */
    public DataSpec(Dataset training) {
        this(training, null, null);
    }

    /** The words {@code evaluate} prints for the rows it scores, such as "the test split (t10k files)". */
    public String evaluationDescription() {
        return test != null ? "the test split (" + testSource + ")" : "all rows (this data has no test split)";
    }

    /** {@link #TEST_PERCENT}% of {@code all} held out, class by class for labelled data. */
    private static DataSpec heldOut(Dataset all) {
        double keep = 1 - TEST_PERCENT / 100.0;
        Dataset[] parts = all.isClassification() ? all.splitStratified(keep, TEST_SPLIT_SEED)
                : all.split(keep, TEST_SPLIT_SEED);
        return new DataSpec(parts[0], parts[1], TEST_PERCENT + "% of " + all.name()
                + " held out with a fixed seed; train never sees it");
    }
    public static final String HELP = "digits, iris, spiral, xor, moons, sine, piecewise, mnist:DIR, fashion-mnist:DIR, "
            + "csv:FILE[:LABEL]";

    /** The dataset that {@code evaluate} scores: the test split when there is one, else everything. */
    public Dataset evaluationSet() {
        return test != null ? test : training;
    }

    public static DataSpec load(String spec, long seed) throws IOException {
        return load(spec, seed, List.of());
    }

    /**
     * As {@link #load(String, long)}, reading a CSV file's text labels as the given classes: a saved
     * model's class names, so that a file holding only some of the classes maps each to the model's
     * index for it instead of renumbering the ones present.
     */
    public static DataSpec load(String spec, long seed, List<String> classNames) throws IOException {
        return load(spec, seed, classNames, false);
    }

    /**
     * As {@link #load(String, long, List)}; with {@code regression}, a CSV file's label column is
     * read as a numeric target (chosen by a regression loss such as {@code --loss mse}).
     */
    public static DataSpec load(String spec, long seed, List<String> classNames, boolean regression) throws IOException {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? null : spec.substring(colon + 1);
        switch (kind) {
            case "spiral": return heldOut(Spiral.generate(3, 100, 0.2, seed));
            case "xor": return heldOut(Xor.generate(50, 0.1, seed));
            case "moons": return heldOut(Moons.generate(500, 0.1, seed));
            case "sine": return heldOut(Sine.generate(1000, 0.05, seed));
            case "piecewise": return new DataSpec(PiecewiseLinear.train(), PiecewiseLinear.test(),
                    "the series' test points");
            case "mnist": return idx(spec, argument, false);
            case "fashion-mnist": return idx(spec, argument, true);
            case "csv": return csv(spec, argument, classNames, regression);
            default:
                if (Bundled.names().contains(kind) && argument == null) {
                    return heldOut(Bundled.load(kind));
                }
                String closest = Main.closest(kind, java.util.Arrays.asList(HELP.replaceAll(":[A-Z\\[\\]:]+", "")
                        .split(", ")));
                throw new UsageException("--data: expected one of " + HELP + ", got '" + spec + "'"
                        + (closest == null ? "" : "; did you mean " + closest + "?"));
        }
    }

    /** The label column named in a {@code csv:FILE:LABEL} spec, {@code label} for {@code csv:FILE}, else null. */
    public static String labelColumn(String spec) {
        if (!spec.startsWith("csv:")) {
            return null;
        }
        String argument = spec.substring("csv:".length());
        int colon = argument.lastIndexOf(':');
        return colon < 0 ? CsvOptions.DEFAULT_LABEL : argument.substring(colon + 1);
    }

    private static DataSpec csv(String spec, String argument, List<String> classNames, boolean regression)
            throws IOException {
        if (argument == null || argument.isEmpty()) {
            throw new UsageException("--data: expected csv:FILE[:LABEL], got '" + spec + "'");
        }
        int colon = argument.lastIndexOf(':');
        Path file = Path.of(colon < 0 ? argument : argument.substring(0, colon));
        CsvOptions options = CsvOptions.defaults();
        if (colon >= 0) {
            options = options.labelColumn(argument.substring(colon + 1));
        }
        requireLabelColumn(file, options);
        if (regression) {
            options = options.regression();
        } else if (!classNames.isEmpty()) {
            options = options.classNames(classNames);
        } else {
            return new DataSpec(CsvTarget.readClasses(file, options));
        }
        return new DataSpec(Csv.read(file, options));
    }

    /** A missing label column is an option to fix: the message gives the syntax and the file's columns. */
    private static void requireLabelColumn(Path file, CsvOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            return; // reading it says what is wrong with the path
        }
        List<String> columns = Csv.columns(file, options);
        if (!columns.isEmpty() && !columns.contains(options.labelName())) {
            throw new UsageException("--data: expected a label column named '" + options.labelName() + "' in " + file
                    + ", got the columns " + String.join(", ", columns) + "; name the label column as csv:FILE:COLUMN, "
                    + "for example csv:" + file + ":" + columns.get(columns.size() - 1));
        }
    }

    private static DataSpec idx(String spec, String directory, boolean fashion) throws IOException {
        if (directory == null || directory.isEmpty()) {
            // mnist alone: the copy 'dendrite data fetch' made ($DENDRITE_DATA or the cache), or shared/data.
            java.util.Optional<Path> found = fashion ? dev.dendrite.data.FashionMnist.defaultDirectory()
                    : Mnist.defaultDirectory();
            if (found.isEmpty()) {
                List<Path> searched = fashion ? dev.dendrite.data.FashionMnist.searchedDirectories()
                        : Mnist.searchedDirectories();
                throw new UsageException("--data: expected " + spec + ":DIR with the IDX files, or a fetched copy, "
                        + "got none in " + searched + " (run 'dendrite data fetch " + spec + "' to download them)");
            }
            directory = found.get().toString();
        }
        Path dir = Path.of(directory);
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(directory + " (run 'dendrite data fetch "
                    + (fashion ? "fashion-mnist" : "mnist") + "' to download the IDX files)");
        }
        if (fashion) {
            return new DataSpec(dev.dendrite.data.FashionMnist.load(dir, true),
                    dev.dendrite.data.FashionMnist.load(dir, false), "t10k files");
        }
        return new DataSpec(Mnist.load(dir, true), Mnist.load(dir, false), "t10k files");
    }
}
