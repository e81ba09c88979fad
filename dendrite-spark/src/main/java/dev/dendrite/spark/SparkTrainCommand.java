package dev.dendrite.spark;

import dev.dendrite.data.Normalizer;
import dev.dendrite.io.ModelFile;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.History;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code dendrite spark-train}: {@code train} on a Spark cluster. It takes {@code train}'s data,
 * model, optimizer and output options and writes the same model file (the {@code dendrite.*}
 * metadata {@code evaluate} and {@code predict} read) and {@code history.csv}; the model file is
 * written once, atomically, at the end, so a failed run leaves {@code --out} as it was.
 *
 * <pre>
 * java -cp ... dev.dendrite.spark.SparkTrainCommand --master local[2] --data digits --epochs 5
 * spark-submit --class dev.dendrite.spark.SparkTrainCommand dendrite-spark-VERSION-job.jar train --data parquet:hdfs:///mnist ...
 * </pre>
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "Train a network with data-parallel training on Apache Spark (sync gradients or parameter averaging).",
        footer = {"", "Examples:", "  spark-train --master local[2] --data digits --epochs 10",
            "  spark-train --master spark://host:7077 --data mnist:../shared/data/mnist --model mlp:784-256-128-10:relu "
                + "--batch 256 --mode average --local-steps 8"})
public final class SparkTrainCommand implements Callable<Integer> {
    /** The metadata keys {@code dendrite evaluate} reads (the CLI's {@code TrainedModel}). */
    static final String LOSS = "dendrite.loss";
    static final String CLASSES = "dendrite.classes";
    static final String NORMALIZER = "dendrite.normalizer";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", description = "Spark master URL: local[2], spark://HOST:7077 (default: spark-submit's).")
    String master;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "digits", description = "Data: as train's --data "
            + "(loaded by the driver), or parquet:PATH or spark-csv:PATH[:LABEL] (read by the executors; columns "
            + "'features' array<float>|vector and 'label') (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--model", paramLabel = "SPEC|FILE", description = "As train's --model (default: mlp:IN-64-OUT:relu).")
    String model;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32",
            description = "sync: global batch; average: each partition's batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", description = "As train's (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's).")
    Double learningRate;

    @Option(names = "--loss", description = "As train's (default: cross_entropy for classes, mse for numbers).")
    String loss;

    @Option(names = "--normalize", defaultValue = "auto", description = "standard, minmax, none or auto, as train's.")
    String normalize;

    @Option(names = "--validation-split", defaultValue = "0.2",
            description = "Held out on the driver for validation, driver-loaded data only (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--classes", defaultValue = "0",
            description = "parquet/spark-csv data: the number of classes (default: the model's outputs; 0 with --loss mse).")
    int classes;

    @Option(names = "--mode", defaultValue = "sync", description = "sync or average (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--local-steps", defaultValue = "1", paramLabel = "K", description = "average: local steps per round.")
    int localSteps;

    @Option(names = "--partitions", description = "Partitions, one task each per round (default: Spark's parallelism).")
    Integer partitions;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, splits, batches.")
    long seed;

    @Option(names = "--out", defaultValue = "model.safetensors", description = "Model file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", defaultValue = "report", paramLabel = "DIR", description = "Folder for history.csv.")
    Path report;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Driver checkpoints in this folder.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "N",
            description = "Rounds between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue from the newest checkpoint in DIR.")
    Path resume;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the master and the first executor (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** Runs the command with {@code args}; exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("spark.master") == null) {
            // Not under spark-submit (which sets spark.master and brings its own logging set-up).
            System.setProperty("dendrite.spark.log", Arrays.asList(args).contains("--verbose") ? "warn" : "off");
            System.setProperty("log4j2.configurationFile", "classpath:dev/dendrite/spark/log4j2-command.properties");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /**
     * Runs with {@code args} (a leading {@code train} or {@code spark-train} word is skipped, for
     * spark-submit); returns 0, 1 for a failure, 2 for a usage error. Errors are one line on {@code err}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] rest = args.length > 0 && (args[0].equals("train") || args[0].equals("spark-train"))
                ? Arrays.copyOfRange(args, 1, args.length) : args;
        SparkTrainCommand command = new SparkTrainCommand();
        CommandLine line = new CommandLine(command).setOut(out).setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("spark-train: " + (e instanceof IllegalStateException || e instanceof IllegalArgumentException
                    ? e.getMessage() : SparkErrors.oneLine(e)));
            if (command.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return line.execute(rest);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SparkTrainer.Mode trainingMode = checkOptions();
        String url = Masters.resolve(master);
        Masters.probe(url, waitSeconds);
        JavaSparkContext context = Masters.connect(url, "dendrite spark-train", waitSeconds);
        try {
            SparkTrainSource source = SparkTrainSource.load(this, context);
            SparkTrainer trainer = SparkTrainer.builder(source.network(), source.lossName(), optimizer)
                    .learningRate(learningRate).mode(trainingMode).epochs(epochs).batchSize(batch)
                    .localSteps(localSteps).seed(seed).validation(source.validation()).log(out::println)
                    .checkpoints(checkpoint != null ? checkpoint : resume, checkpointEvery).build();
            String network = source.network().toString().replaceAll("\\s*\\n\\s*", " ");
            out.println("training " + network + " on " + source.name() + " (" + source.training().rows() + " rows in "
                    + source.training().partitions() + " partitions, " + context.master() + "), "
                    + trainingMode.toString().toLowerCase(Locale.ROOT) + " mode");
            long start = System.nanoTime();
            History history = resume != null ? trainer.resume(source.training(), resume)
                    : trainer.fit(source.training());
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(trainer.stats());
            out.println(String.format(Locale.ROOT, "%.0f samples/s", source.training().rows() * (double) epochs / seconds));
            save(source, history, seconds, out);
            return 0;
        } finally {
            context.stop();
        }
    }

    private SparkTrainer.Mode checkOptions() {
        require(epochs >= 1, "--epochs: expected at least 1, got " + epochs);
        require(batch >= 1, "--batch: expected at least 1, got " + batch);
        require(localSteps >= 1, "--local-steps: expected at least 1, got " + localSteps);
        require(checkpointEvery >= 1, "--checkpoint-every: expected at least 1, got " + checkpointEvery);
        require(waitSeconds >= 1, "--wait: expected at least 1 second, got " + waitSeconds);
        require(partitions == null || partitions >= 1, "--partitions: expected at least 1, got " + partitions);
        require(validationSplit >= 0 && validationSplit < 1,
                "--validation-split: expected a fraction in [0, 1), got " + validationSplit);
        require(mode.equals("sync") || mode.equals("average"), "--mode: expected sync or average, got '" + mode + "'");
        require(!mode.equals("sync") || localSteps == 1, "--local-steps: expected it with --mode average only, got "
                + localSteps + " with sync");
        return mode.equals("sync") ? SparkTrainer.Mode.SYNC : SparkTrainer.Mode.AVERAGE;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private void save(SparkTrainSource source, History history, double seconds, PrintWriter out) throws Exception {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("dendrite.data", data);
        info.put("dendrite.epochs", Integer.toString(history.size()));
        info.put("dendrite.batch", Integer.toString(batch));
        info.put("dendrite.optimizer", optimizer);
        info.put("dendrite.seed", Long.toString(seed));
        info.put("dendrite.train_seconds", String.format(Locale.ROOT, "%.2f", seconds));
        info.put("dendrite.spark_mode", mode);
        info.put(LOSS, source.lossName());
        if (!source.training().classNames().isEmpty()) {
            info.put(CLASSES, String.join("\n", source.training().classNames()));
        }
        Normalizer normalizer = source.normalizer();
        if (normalizer != null) {
            info.put(NORMALIZER, normalizer.toMetadata());
        }
        if (source.validation() != null) {
            Evaluation result = Evaluator.evaluate(source.network(), dev.dendrite.loss.Losses.byName(source.lossName()),
                    source.validation(), 256);
            out.println(String.format(Locale.ROOT, "final validation accuracy: %.4f (loss %.4f)", result.accuracy(),
                    result.loss()));
        }
        Path parent = out().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ModelFile.save(this.out, source.network(), info);
        out.println("saved " + this.out);
        Files.createDirectories(report);
        Files.writeString(report.resolve("history.csv"), history.toCsv());
        out.println("report in " + report + "/ (history.csv)");
    }

    private Path out() {
        return out;
    }
}
