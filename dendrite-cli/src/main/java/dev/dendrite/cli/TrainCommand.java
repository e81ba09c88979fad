package dev.dendrite.cli;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Normalizer;
import dev.dendrite.io.Architecture;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.optim.AdaGrad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.AdamW;
import dev.dendrite.optim.CosineAnnealing;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSProp;
import dev.dendrite.optim.SGD;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.History;
import dev.dendrite.train.ProgressBar;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite train}: trains a network on a dataset and saves it with a report. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network (default: an MLP on the bundled digits set) and save it with a report.",
        footer = {"", "Examples:", "  dendrite train",
            "  dendrite train --data iris --model mlp:4-16-3:relu --epochs 50 --out iris.safetensors",
            "  dendrite train --data mnist:../shared/data/mnist --model mlp:784-256-128-10:relu --epochs 5",
            "  dendrite train --data spiral --epochs 200 --checkpoint ck --checkpoint-every 100",
            "  dendrite train --data spiral --epochs 200 --resume ck    # the same options, after a crash"})
final class TrainCommand implements Callable<Integer> {
    /** Losses for numeric targets: with one of these, a CSV label column is read as numbers. */
    static final java.util.Set<String> REGRESSION_LOSSES = java.util.Set.of("mse", "mae", "huber");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "digits",
            description = "Data: " + DataSpec.HELP + " (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--model", paramLabel = "SPEC|FILE",
            description = "mlp:IN-HIDDEN...-OUT[:activation[:output]] or an architecture JSON file "
                    + "(default: mlp:IN-64-OUT:relu sized to the data).")
    String model;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: 0.001 for adam/adamw/rmsprop, 0.01 otherwise).")
    Double learningRate;

    @Option(names = "--loss", description = "cross_entropy, binary_cross_entropy, mse, mae, huber "
            + "(default: cross_entropy for classes, mse for numeric targets; a regression loss reads a CSV label as numbers).")
    String loss;

    @Option(names = "--normalize", defaultValue = "auto",
            description = "standard, minmax, none, or auto: standard for tables, none for images and generated sets.")
    String normalize;

    @Option(names = "--validation-split", defaultValue = "0.2",
            description = "Fraction of the training data held out for validation (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning rate over the epochs: constant, or cosine (down to 1%% of --lr) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--patience", defaultValue = "0",
            description = "Stop after this many epochs without validation improvement (0: never).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, splits and batches.")
    long seed;

    @Option(names = "--out", defaultValue = "model.safetensors",
            description = "Model file to write; its folder is created (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", defaultValue = "report", paramLabel = "DIR",
            description = "Folder for history.csv, history.png and confusion.png (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Save checkpoints in this folder (after every epoch unless --checkpoint-every says "
                    + "otherwise), the newest --keep of them and best.safetensors.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Save a checkpoint every N batches.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-every-epochs", paramLabel = "N",
            description = "Save a checkpoint every N epochs (default: 1).")
    Integer checkpointEveryEpochs;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "3",
            description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in this folder from its newest complete checkpoint; give the "
                    + "interrupted run's options (--epochs may grow). Checkpoints continue there unless "
                    + "--checkpoint says.")
    Path resume;

    @Option(names = "--debug", description = "Check every layer's outputs and gradients for NaN/Inf after each batch; "
            + "stop at the first, naming the layer, epoch and batch.")
    boolean debug;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        prepareOutputs();
        DataSpec source = DataSpec.load(data, seed, List.of(), loss != null && REGRESSION_LOSSES.contains(loss));
        Dataset all = source.training();
        Dataset[] parts = validationSplit > 0 ? all.split(1 - validationSplit, seed) : new Dataset[] {all, null};
        String kind = normalizerKind();
        Normalizer normalizer = kind == null ? null : Normalizer.fit(kind, parts[0]);
        Dataset train = normalizer == null ? parts[0] : normalizer.apply(parts[0]);
        Dataset validation = parts[1] == null || normalizer == null ? parts[1] : normalizer.apply(parts[1]);
        boolean classification = all.numClasses() > 0;
        Sequential network = buildModel(all);
        String lossName = loss != null ? checkLoss(loss, network, all) : defaultLoss(classification, network, all);
        checkOutputLayer(network, lossName);
        TrainedModel trained = new TrainedModel(network, normalizer, classification ? all.classNames() : List.of(),
                lossName, Map.of());
        Optimizer opt = optimizer(network);
        Trainer.Builder builder = Trainer.builder(network, trained.loss(), opt)
                .epochs(epochs).batchSize(batch).seed(seed).validation(validation).checkNumerics(debug)
                .progress(quiet ? null : new ProgressBar(out, System.console() != null));
        if (schedule.equals("cosine")) {
            builder.schedule(new CosineAnnealing(epochs, opt.learningRate() / 100));
        }
        if (patience > 0 && validation != null) {
            builder.callback(new EarlyStopping("val_loss", patience, 0.0, true));
        }
        CheckpointPolicy checkpoints = checkpointPolicy();
        if (checkpoints != null) {
            builder.checkpoints(checkpoints);
        }
        out.println("training " + describe(network) + " on " + all.name() + " (" + train.size() + " training, "
                + (validation == null ? 0 : validation.size()) + " validation rows), " + opt);
        Trainer trainer = builder.build();
        long start = System.nanoTime();
        History history = resume != null ? trainer.resume(train, resume) : trainer.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation result = validation == null ? trainer.evaluate(train) : trainer.evaluate(validation);
        String set = validation == null ? "training" : "validation";
        out.println(classification
                ? String.format(Locale.ROOT, "final %s accuracy: %.4f (loss %.4f) after %d epochs in %.1f s",
                        set, result.accuracy(), result.loss(), history.size(), seconds)
                : String.format(Locale.ROOT, "final %s RMSE: %.5f (MAE %.5f) after %d epochs in %.1f s",
                        set, result.rmse(), result.mae(), history.size(), seconds));
        trained.save(this.out, trainingInfo(history, result, seconds));
        out.println("saved " + this.out);
        Report.write(report, history, result, trained, all.name() + ", " + set + " set");
        out.println("report in " + report + "/ (history.csv, history.png" + (classification ? ", confusion.png)" : ")"));
        return 0;
    }

    /**
     * Rejects values the trainer or the split would only refuse later with messages that do not name
     * the option ({@code Dataset.split: expected firstFraction in [0, 1], got -0.5}).
     */
    private void checkOptions() {
        requireOption(epochs >= 1, "--epochs: expected at least 1, got " + epochs);
        requireOption(batch >= 1, "--batch: expected at least 1, got " + batch);
        requireOption(schedule.equals("constant") || schedule.equals("cosine"),
                "--schedule: expected constant or cosine, got '" + schedule + "'");
        requireOption(patience >= 0, "--patience: expected 0 or more, got " + patience);
        // A split of 1 leaves no training rows; the normaliser would fail on the empty set.
        requireOption(validationSplit >= 0 && validationSplit < 1,
                "--validation-split: expected a fraction in [0, 1), got " + validationSplit);
        requireOption(learningRate == null || (learningRate > 0 && Double.isFinite(learningRate)),
                "--lr: expected a positive number, got " + learningRate);
        checkCheckpointOptions();
    }

    private void checkCheckpointOptions() {
        requireOption(checkpointEvery == null || checkpointEveryEpochs == null,
                "--checkpoint-every: expected either it or --checkpoint-every-epochs, got both");
        requireOption(checkpointEvery == null || checkpointEvery >= 1,
                "--checkpoint-every: expected at least 1, got " + checkpointEvery);
        requireOption(checkpointEveryEpochs == null || checkpointEveryEpochs >= 1,
                "--checkpoint-every-epochs: expected at least 1, got " + checkpointEveryEpochs);
        requireOption(keep >= 1, "--keep: expected at least 1, got " + keep);
        boolean saving = checkpoint != null || resume != null;
        requireOption(saving || (checkpointEvery == null && checkpointEveryEpochs == null),
                "--checkpoint-every: expected --checkpoint DIR to save into, got none");
        requireOption(checkpoint == null || !Files.isRegularFile(checkpoint),
                "--checkpoint: expected a directory, got the file " + checkpoint);
        requireOption(checkpoint == null || checkpoint.equals(resume) || !hasCheckpoints(checkpoint),
                "--checkpoint: expected a folder without checkpoints for a new run, got " + checkpoint
                        + " with some (continue that run with --resume " + checkpoint + ")");
        requireOption(resume == null || hasCheckpoints(resume), "--resume: expected a folder of checkpoint-<step>"
                + ".safetensors files, got " + (Files.isDirectory(resume == null ? Path.of("") : resume)
                ? resume + " with none" : "no folder " + resume));
    }

    private static boolean hasCheckpoints(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "checkpoint-*.safetensors")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** The checkpoint options as a policy, or null when there are none; warnings go to standard error. */
    private CheckpointPolicy checkpointPolicy() {
        Path folder = checkpoint != null ? checkpoint : resume;
        if (folder == null) {
            return null;
        }
        PrintWriter err = spec.commandLine().getErr();
        CheckpointPolicy policy = CheckpointPolicy.in(folder).keep(keep).warnings(err::println);
        if (checkpointEvery != null) {
            return policy.everyBatches(checkpointEvery);
        }
        return checkpointEveryEpochs != null ? policy.everyEpochs(checkpointEveryEpochs) : policy;
    }

    /**
     * Checks the output paths and creates the model file's folder before training, so that a typo
     * in {@code --out} or {@code --report} does not cost the training run (the model file was
     * written last and failed naming its temporary file; a file as {@code --report} failed naming
     * just the path).
     */
    private void prepareOutputs() throws IOException {
        requireOption(!Files.isDirectory(this.out), "--out: expected a model file name, got the directory " + this.out);
        requireOption(!Files.exists(report) || Files.isDirectory(report),
                "--report: expected a directory, got the file " + report);
        Path folder = this.out.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
    }

    private void requireOption(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * The loss named by {@code --loss} when it fits the task: cross-entropy for several outputs,
     * binary cross-entropy for one output, a regression loss for numeric targets. Any other pairing
     * trains without an error but learns nothing useful (cross-entropy over one column is always 0).
     */
    private String checkLoss(String name, Sequential network, Dataset all) {
        requireOption(TrainedModel.LOSSES.contains(name), "--loss: expected one of " + String.join(", ",
                TrainedModel.LOSSES) + ", got '" + name + "'");
        int outputs = outputWidth(network);
        boolean regression = all.numClasses() == 0;
        String expected = regression ? "mse, mae or huber" : outputs == 1 ? "binary_cross_entropy" : "cross_entropy";
        boolean fits = regression ? !name.contains("cross_entropy") : name.equals(expected);
        requireOption(fits, "--loss: expected " + expected + " for " + (regression ? "the numeric targets" : "the classes")
                + " of " + all.name() + " with " + outputs + (outputs == 1 ? " output" : " outputs") + ", got '"
                + name + "'");
        return name;
    }

    /**
     * Cross-entropy and binary cross-entropy apply the softmax or sigmoid themselves and expect raw
     * scores: a final Softmax trains on probabilities squashed twice (iris: loss 0.63 at 93 %
     * accuracy) and {@code predict} would apply the softmax a second time.
     */
    private void checkOutputLayer(Sequential network, String lossName) {
        List<Module> layers = network.layers();
        Module last = layers.get(layers.size() - 1);
        boolean squashed = lossName.equals("cross_entropy") && last instanceof Softmax
                || lossName.equals("binary_cross_entropy") && last instanceof Sigmoid;
        requireOption(!squashed, "--model: expected raw scores at the output for " + lossName + ", which applies "
                + (last instanceof Softmax ? "the softmax" : "the sigmoid") + " itself, got a final " + last
                + " layer (drop the output activation from the model)");
    }

    /** The normaliser kind to fit on the training split, or null for none. */
    private String normalizerKind() {
        switch (normalize) {
            case "standard": case "minmax": return normalize;
            case "none": return null;
            case "auto":
                boolean table = data.startsWith("csv:") || data.equals("digits") || data.equals("iris");
                return table ? "standard" : null;
            default:
                throw new ParameterException(spec.commandLine(),
                        "--normalize: expected standard, minmax, none or auto, got '" + normalize + "'");
        }
    }

    private Sequential buildModel(Dataset all) throws IOException {
        int inputs = all.features().size() / Math.max(1, all.size());
        int outputs = all.numClasses() > 0 ? all.numClasses() : all.targets().shape().dim(1);
        Sequential network;
        if (model == null) {
            network = MlpSpec.parse("mlp:" + inputs + "-64-" + outputs + ":relu").build(new Random(seed));
        } else if (model.startsWith("mlp:")) {
            network = MlpSpec.parse(model).build(new Random(seed));
        } else {
            network = Architecture.build(Files.readString(Path.of(model)), new Random(seed));
        }
        try {
            int columns = network.forward(all.features().sliceRows(0, 1).reshape(1, -1)).shape().dim(1);
            if (all.numClasses() > 0 && columns != all.numClasses() && !(columns == 1 && all.numClasses() == 2)) {
                throw new IllegalArgumentException("model: expected " + all.numClasses() + " outputs for the "
                        + all.numClasses() + " classes of " + all.name() + ", got " + columns);
            }
            if (all.numClasses() == 0 && columns != outputs) {
                // Otherwise the loss fails on the first batch with a message about target shapes.
                throw new IllegalArgumentException("model: expected " + outputs + " output" + (outputs == 1 ? "" : "s")
                        + " for the numeric targets of " + all.name() + ", got " + columns);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model does not fit the data (" + inputs + " features): "
                    + e.getMessage(), e);
        }
        return network;
    }

    private static String defaultLoss(boolean classification, Sequential network, Dataset all) {
        if (!classification) {
            return "mse";
        }
        return all.numClasses() == 2 && outputWidth(network) == 1 ? "binary_cross_entropy" : "cross_entropy";
    }

    private static int outputWidth(Sequential network) {
        var parameters = network.parameters();
        return parameters.get(parameters.size() - 1).size();
    }

    private Optimizer optimizer(Sequential network) {
        var params = network.parameters();
        boolean adaptive = optimizer.equals("adam") || optimizer.equals("adamw") || optimizer.equals("rmsprop");
        double lr = learningRate != null ? learningRate : adaptive ? 0.001 : 0.01;
        switch (optimizer) {
            case "sgd": return new SGD(params, lr);
            case "momentum": return new SGD(params, lr).momentum(0.9);
            case "nesterov": return new SGD(params, lr).momentum(0.9).nesterov(true);
            case "adagrad": return new AdaGrad(params, lr);
            case "rmsprop": return new RMSProp(params, lr);
            case "adam": return new Adam(params, lr);
            case "adamw": return new AdamW(params, lr);
            default:
                throw new ParameterException(spec.commandLine(), "--optimizer: expected one of sgd, momentum, "
                        + "nesterov, adagrad, rmsprop, adam, adamw, got '" + optimizer + "'");
        }
    }

    private Map<String, String> trainingInfo(History history, Evaluation result, double seconds) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("dendrite.data", data);
        String labelColumn = DataSpec.labelColumn(data);
        if (labelColumn != null) {
            info.put(TrainedModel.LABEL_COLUMN, labelColumn);
        }
        info.put("dendrite.epochs", Integer.toString(history.size()));
        info.put("dendrite.batch", Integer.toString(batch));
        info.put("dendrite.optimizer", optimizer);
        info.put("dendrite.seed", Long.toString(seed));
        info.put("dendrite.train_seconds", String.format(Locale.ROOT, "%.2f", seconds));
        info.put("dendrite.final_loss", String.format(Locale.ROOT, "%.6g", result.loss()));
        if (!Double.isNaN(result.accuracy())) {
            info.put("dendrite.final_accuracy", String.format(Locale.ROOT, "%.6g", result.accuracy()));
        }
        return info;
    }

    private static String describe(Sequential network) {
        StringBuilder text = new StringBuilder();
        network.layers().forEach(layer -> text.append(text.length() == 0 ? "" : " -> ").append(layer));
        return text.toString();
    }
}
