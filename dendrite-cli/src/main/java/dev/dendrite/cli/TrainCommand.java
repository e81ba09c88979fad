package dev.dendrite.cli;

import dev.dendrite.loss.Losses;
import dev.dendrite.data.Augmentation;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Normalizer;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.CosineAnnealing;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.ResumePoint;
import dev.dendrite.cli.plot.ImageShape;
import dev.dendrite.cli.ui.LiveTraining;
import dev.dendrite.train.History;
import dev.dendrite.train.ProgressBar;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite train}: trains a network on a dataset and saves it with a report. The options are
 * checked, and the network, loss and optimizer they name are built, by {@link TrainSetup}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network (default: an MLP on the bundled digits set) and save it with a report.",
        footer = {"", "Examples:", "  dendrite train",
            "  dendrite train --data iris --model mlp:4-16-3:relu --epochs 50 --out iris.safetensors",
            "  dendrite train --data mnist:../shared/data/mnist --model mlp:784-256-128-10:relu --epochs 5",
            "  dendrite train --data mnist --model mnist-cnn-bn --epochs 12 --augment shift:2",
            "  dendrite train --data spiral --epochs 200 --checkpoint ck --checkpoint-every 100",
            "  dendrite train --resume ck                       # after a crash: the saved run's options",
            "  dendrite train --resume ck --epochs 300          # the same run, longer"})
final class TrainCommand implements Callable<Integer> {
    /** Losses for numeric targets: with one of these, a CSV label column is read as numbers. */

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "digits",
            description = "Data: " + DataSpec.HELP + " (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--model", paramLabel = "SPEC|FILE",
            description = "mlp:IN-HIDDEN...-OUT[:activation[:output]] or an architecture JSON file "
                    + "(default: one hidden layer of 64 ReLU units sized to the data, mlp:IN-64-OUT:relu).")
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

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "X",
            description = "Weight decay: decoupled for adamw, L2 on the gradient for sgd, momentum, nesterov and adam "
                    + "(default: ${DEFAULT-VALUE}).")
    double weightDecay;

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

    @Option(names = "--augment", paramLabel = "SPEC", defaultValue = AugmentOption.NONE,
            description = "Training-time changes to image batches: none, or shift:N (each image moved by up to N "
                    + "pixels in x and y, zero-filled; drawn from --seed) (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--patience", defaultValue = "0",
            description = "Stop after this many epochs without validation improvement (0: never).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, splits and batches.")
    long seed;

    @Option(names = "--out", defaultValue = "model.safetensors",
            description = "Model file to write; its folder is created (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Folder for history.csv, history.png and confusion.png (default: named after --out, "
                    + "model-report for model.safetensors, so runs with other --out names keep their reports).")
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
            description = "Continue the run saved in this folder from its newest complete checkpoint, with the "
                    + "options it saved; options given beside it must equal them (--epochs may grow). "
                    + "Checkpoints continue there unless --checkpoint says. A missing or empty folder starts "
                    + "the run from the beginning, saving there.")
    Path resume;

    @Option(names = "--debug", description = "Check every layer's outputs and gradients for NaN/Inf after each batch; "
            + "stop at the first, naming the layer, epoch and batch.")
    boolean debug;

    @Option(names = "--ui", description = "Serve a live training page on 127.0.0.1 and print its address.")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "N", defaultValue = "0",
            description = "The training page's port (default: a free one).")
    int uiPort;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (report == null) {
            report = reportBeside(this.out);
        }
        TrainSetup setup = new TrainSetup(this);
        setup.checkOptions();
        setup.checkCheckpointFolderFree();
        ResumePoint resumePoint = resume == null ? null : CheckpointPolicy.resumePoint(resume).orElse(null);
        if (resumePoint != null) {
            RunSettings.restore(this, spec.commandLine().getParseResult(), resume, resumePoint.settings());
        }
        setup.prepareOutputs();
        if (resume != null) {
            // A run killed before its first save leaves nothing to resume; a retry loop just runs again.
            out.println(resumePoint == null
                    ? "no checkpoint in " + resume + " yet: starting the run from the beginning"
                    : "resuming from " + resumePoint.file() + " (" + resumePoint.position() + ")");
        }
        DataSpec source = DataSpec.load(data, seed, List.of(), loss != null && Losses.isRegression(loss));
        Dataset all = source.training();
        if (all.isClassification() && all.numClasses() < 2) {
            throw new IllegalArgumentException("data: expected at least 2 classes to tell apart, got "
                    + all.numClasses() + " " + all.classNames() + " in " + all.name());
        }
        Dataset[] parts = validationSplit > 0 ? all.split(1 - validationSplit, seed) : new Dataset[] {all, null};
        if (parts[0].size() == 0 || parts[1] != null && parts[1].size() == 0) {
            throw new UsageException("--validation-split: expected a split that leaves rows on both sides, got "
                    + validationSplit + " of " + all.size() + (all.size() == 1 ? " row" : " rows") + " ("
                    + parts[0].size() + " to train, " + (parts[1] == null ? 0 : parts[1].size())
                    + " to validate); use --validation-split 0 for no validation set");
        }
        String kind = setup.normalizerKind();
        Normalizer normalizer = kind == null ? null : Normalizer.fit(kind, parts[0]);
        boolean classification = all.numClasses() > 0;
        Sequential network = TrainSetup.withNormalization(normalizer, setup.buildModel(all));
        int[] sample = TrainSetup.sampleShape(network, all);
        Dataset train = parts[0].viewAs(sample);
        Dataset validation = parts[1] == null ? null : parts[1].viewAs(sample);
        Augmentation augmentation = AugmentOption.forData(augment, train);
        String lossName = loss != null ? setup.checkLoss(loss, network, all)
                : TrainSetup.defaultLoss(classification, network, all);
        setup.checkOutputLayer(network, lossName);
        TrainedModel trained = new TrainedModel(network, classification ? all.classNames() : List.of(),
                lossName, Map.of());
        Optimizer opt = setup.optimizer(network);
        Trainer.Builder builder = Trainer.builder(network, trained.loss(), opt)
                .epochs(epochs).batchSize(batch).seed(seed).validation(validation).augmentation(augmentation)
                .checkNumerics(debug)
                .progress(quiet ? null : new ProgressBar(out, System.console() != null));
        if (schedule.equals("cosine")) {
            builder.schedule(new CosineAnnealing(epochs, opt.learningRate() / 100));
        }
        if (patience > 0 && validation != null) {
            builder.callback(new EarlyStopping("val_loss", patience, 0.0, true));
        }
        CheckpointPolicy checkpoints = setup.checkpointPolicy();
        if (checkpoints != null) {
            builder.checkpoints(checkpoints);
        }
        out.println("training " + describe(network) + " on " + all.name() + " (" + train.size() + " training, "
                + (validation == null ? 0 : validation.size()) + " validation rows"
                + (source.test() == null ? "" : "; " + source.test().size() + " test rows held out for evaluate")
                + "), " + opt + (augmentation == null ? "" : ", " + augmentation));
        LiveTraining live = ui ? LiveTraining.start(describe(network) + " on " + all.name(), uiPort, train, batch,
                validation, parts[1], classification ? all.classNames() : List.of(), ImageShape.side(all.features().size()
                / Math.max(1, all.size())), out) : null;
        if (live != null) {
            builder.callback(live.callback());
        }
        Trainer trainer = builder.build();
        Report.prepareInBackground();
        long start = System.nanoTime();
        History history;
        try {
            history = resumePoint != null ? trainer.resume(train, resume) : trainer.fit(train);
        } catch (RuntimeException | IOException e) {
            if (live != null) {
                live.failed(e);
            }
            throw e;
        } finally {
            if (live != null) {
                live.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String set = validation == null ? "training" : "validation";
        // The history's table and picture are made while the model is evaluated and saved.
        Report.Draft draft = Report.draft(history, trained, all.name() + ", " + set + " set");
        Evaluation result = validation == null ? trainer.evaluate(train) : trainer.evaluate(validation);
        out.println(classification
                ? String.format(Locale.ROOT, "final %s accuracy: %.4f (loss %.4f) after %s in %.1f s",
                        set, result.accuracy(), result.loss(), epochCount(history.size()), seconds)
                : String.format(Locale.ROOT, "final %s RMSE: %.5f (MAE %.5f) after %s in %.1f s",
                        set, result.rmse(), result.mae(), epochCount(history.size()), seconds));
        String inputShape = Arrays.stream(train.featureShape()).mapToObj(String::valueOf)
                .collect(Collectors.joining(","));
        trained.save(this.out, trainingInfo(history, result, seconds, inputShape));
        out.println("saved " + this.out);
        draft.write(report, result);
        out.println("report in " + report + "/ (history.csv, history.png" + (classification ? ", confusion.png)" : ")"));
        return 0;
    }

    /** "1 epoch", "30 epochs". */
    static String epochCount(int epochs) {
        return epochs + (epochs == 1 ? " epoch" : " epochs");
    }

    /** {@code iris-report} beside {@code iris.safetensors}: the default report folder of a model file. */
    static Path reportBeside(Path model) {
        return Report.beside(model);
    }

    private Map<String, String> trainingInfo(History history, Evaluation result, double seconds, String inputShape) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("dendrite.data", data);
        info.put(TrainedModel.INPUT_SHAPE, inputShape);
        String labelColumn = DataSpec.labelColumn(data);
        if (labelColumn != null) {
            info.put(TrainedModel.LABEL_COLUMN, labelColumn);
        }
        info.put("dendrite.epochs", Integer.toString(history.size()));
        info.put("dendrite.batch", Integer.toString(batch));
        info.put("dendrite.optimizer", optimizer);
        info.put("dendrite.seed", Long.toString(seed));
        if (!augment.equals(AugmentOption.NONE)) {
            info.put("dendrite.augment", augment);
        }
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
