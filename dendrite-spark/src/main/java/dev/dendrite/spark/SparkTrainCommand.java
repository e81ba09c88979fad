package dev.dendrite.spark;

import dev.dendrite.cli.DataSpec;
import dev.dendrite.cli.Report;
import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.Dataset;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import dev.dendrite.train.History;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code dendrite spark-train}: {@code train} on a Spark cluster. It takes {@code train}'s data,
 * model, optimizer and output options and writes what {@code train} writes: the model file (the
 * scaling as its first layer, the {@code dendrite.*} metadata {@code evaluate} and {@code predict}
 * read) through the CLI's {@link TrainedModel}, and the report folder (history.csv, history.png,
 * confusion.png) through the CLI's {@link Report}; checkpoints are {@code train --checkpoint}'s
 * (see {@link SparkRunSettings}). The model file and the report are written once, at the end (the
 * model atomically), so a failed run leaves {@code --out} and {@code --report} as they were.
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

    @Option(names = "--report", paramLabel = "DIR", description = "Folder for history.csv, history.png and "
            + "confusion.png, as train's (default: named after --out).")
    Path report;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Driver checkpoints in this folder, in train's "
            + "format: after every epoch unless --checkpoint-every says otherwise.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "A checkpoint every N rounds.")
    Integer checkpointEvery;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "3",
            description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run saved in DIR (by spark-train, or "
            + "by train for --mode sync) with the options it saved; options given beside it must equal them (--epochs "
            + "may grow). Checkpoints continue there unless --checkpoint says.")
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
        if (resume != null) {
            SparkRunSettings.restore(spec, resume);
        }
        SparkTrainer.Mode trainingMode = checkOptions();
        if (report == null) {
            report = Report.beside(this.out);
        }
        require(!Files.isDirectory(this.out), "--out: expected a model file name, got the directory " + this.out);
        require(!Files.exists(report) || Files.isDirectory(report), "--report: expected a directory, got the file "
                + report);
        String url = Masters.resolve(master);
        Masters.probe(url, waitSeconds);
        JavaSparkContext context = Masters.connect(url, "dendrite spark-train", waitSeconds);
        try {
            SparkTrainSource source = SparkTrainSource.load(this, context);
            SparkTrainer trainer = SparkTrainer.builder(source.network(), source.lossName(), optimizer)
                    .learningRate(learningRate).mode(trainingMode).epochs(epochs).batchSize(batch)
                    .localSteps(localSteps).seed(seed).validation(source.validation()).log(out::println)
                    .checkpoints(checkpointPolicy()).build();
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

    /** The checkpoint options as train's policy, saving the run's settings; null without a folder. */
    private CheckpointPolicy checkpointPolicy() {
        Path folder = checkpoint != null ? checkpoint : resume;
        if (folder == null) {
            return null;
        }
        CheckpointPolicy policy = CheckpointPolicy.in(folder).keep(keep)
                .warnings(spec.commandLine().getErr()::println).settings(SparkRunSettings.of(spec));
        return checkpointEvery != null ? policy.everyBatches(checkpointEvery) : policy;
    }

    private SparkTrainer.Mode checkOptions() {
        require(epochs >= 1, "--epochs: expected at least 1, got " + epochs);
        require(batch >= 1, "--batch: expected at least 1, got " + batch);
        require(localSteps >= 1, "--local-steps: expected at least 1, got " + localSteps);
        require(checkpointEvery == null || checkpointEvery >= 1, "--checkpoint-every: expected at least 1, got "
                + checkpointEvery);
        require(keep >= 1, "--keep: expected at least 1, got " + keep);
        require(checkpointEvery == null || checkpoint != null || resume != null,
                "--checkpoint-every: expected --checkpoint DIR to save into, got none");
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

    private void save(SparkTrainSource source, History history, double seconds, PrintWriter out) throws IOException {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("dendrite.data", data);
        String labelColumn = DataSpec.labelColumn(data);
        if (labelColumn != null) {
            info.put("dendrite.label_column", labelColumn);
        }
        info.put("dendrite.epochs", Integer.toString(history.size()));
        info.put("dendrite.batch", Integer.toString(batch));
        info.put("dendrite.optimizer", optimizer);
        info.put("dendrite.seed", Long.toString(seed));
        info.put("dendrite.train_seconds", String.format(Locale.ROOT, "%.2f", seconds));
        info.put("dendrite.spark_mode", mode);
        List<String> classes = source.training().classNames();
        TrainedModel trained = new TrainedModel(source.network(), classes, source.lossName(), Map.of());
        // train scores the validation rows, or the training rows without them; rows read by the executors stay there.
        Dataset scored = source.validation() != null ? source.validation() : source.driverRows();
        String set = source.validation() != null ? "validation" : "training";
        Evaluation result = scored == null ? null : Evaluator.evaluate(source.network(), trained.loss(), scored, 256);
        if (result != null) {
            out.println(classes.isEmpty()
                    ? String.format(Locale.ROOT, "final %s RMSE: %.5f (MAE %.5f)", set, result.rmse(), result.mae())
                    : String.format(Locale.ROOT, "final %s accuracy: %.4f (loss %.4f)", set, result.accuracy(),
                            result.loss()));
            info.put("dendrite.final_loss", String.format(Locale.ROOT, "%.6g", result.loss()));
            if (!Double.isNaN(result.accuracy())) {
                info.put("dendrite.final_accuracy", String.format(Locale.ROOT, "%.6g", result.accuracy()));
            }
        }
        Path parent = this.out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        trained.save(this.out, info);
        out.println("saved " + this.out);
        Evaluation pictured = result != null ? result : new Evaluation(Double.NaN, Double.NaN, null, Double.NaN,
                Double.NaN, 0);
        Report.write(report, history, pictured, trained, source.name() + ", " + (result != null ? set + " set"
                : "trained on Spark"));
        out.println("report in " + report + "/ (history.csv, history.png"
                + (pictured.confusion() != null ? ", confusion.png)" : ")"));
    }
}
