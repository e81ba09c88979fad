package dev.dendrite.cli;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Normalizer;
import dev.dendrite.io.Architecture;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Shape;
import dev.dendrite.train.CheckpointLock;
import dev.dendrite.train.CheckpointPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.ParameterException;

/**
 * The checks and the set-up behind {@code dendrite train}: validates the options of one
 * {@link TrainCommand}, alone and against the data, and builds the network, loss, optimizer and
 * checkpoint policy they name. Bad options become usage errors (exit code 2) naming the option.
 * Reads the command's fields when asked, holds no state of its own; not thread-safe, like the command.
 */
final class TrainSetup {
    private final TrainCommand options;

    /** A set-up for the parsed options of {@code options}. */
    TrainSetup(TrainCommand options) {
        this.options = options;
    }

    /**
     * Rejects values the trainer or the split would only refuse later with messages that do not name
     * the option ({@code Dataset.split: expected firstFraction in [0, 1], got -0.5}).
     */
    void checkOptions() {
        requireOption(options.epochs >= 1, "--epochs: expected at least 1, got " + options.epochs);
        requireOption(options.batch >= 1, "--batch: expected at least 1, got " + options.batch);
        requireOption(options.schedule.equals("constant") || options.schedule.equals("cosine"),
                "--schedule: expected constant or cosine, got '" + options.schedule + "'");
        try {
            AugmentOption.maxShift(options.augment);
        } catch (UsageException e) {
            throw new ParameterException(options.spec.commandLine(), e.getMessage());
        }
        requireOption(options.patience >= 0, "--patience: expected 0 or more, got " + options.patience);
        // A split of 1 leaves no training rows; the normaliser would fail on the empty set.
        requireOption(options.validationSplit >= 0 && options.validationSplit < 1,
                "--validation-split: expected a fraction in [0, 1), got " + options.validationSplit);
        Double learningRate = options.learningRate;
        requireOption(learningRate == null || (learningRate > 0 && Double.isFinite(learningRate)),
                "--lr: expected a positive number, got " + learningRate);
        requireOption(options.uiPort >= 0 && options.uiPort <= 65535,
                "--ui-port: expected 0 (any free port) to 65535, got " + options.uiPort);
        requireOption(options.uiPort == 0 || options.ui, "--ui-port: expected --ui as well");
        checkCheckpointOptions();
    }

    private void checkCheckpointOptions() {
        Integer checkpointEvery = options.checkpointEvery;
        Integer checkpointEveryEpochs = options.checkpointEveryEpochs;
        Path checkpoint = options.checkpoint;
        Path resume = options.resume;
        requireOption(checkpointEvery == null || checkpointEveryEpochs == null,
                "--checkpoint-every: expected either it or --checkpoint-every-epochs, got both");
        requireOption(checkpointEvery == null || checkpointEvery >= 1,
                "--checkpoint-every: expected at least 1, got " + checkpointEvery);
        requireOption(checkpointEveryEpochs == null || checkpointEveryEpochs >= 1,
                "--checkpoint-every-epochs: expected at least 1, got " + checkpointEveryEpochs);
        requireOption(options.keep >= 1, "--keep: expected at least 1, got " + options.keep);
        boolean saving = checkpoint != null || resume != null;
        requireOption(saving || (checkpointEvery == null && checkpointEveryEpochs == null),
                "--checkpoint-every: expected --checkpoint DIR to save into, got none");
        requireOption(checkpoint == null || !Files.isRegularFile(checkpoint),
                "--checkpoint: expected a directory, got the file " + checkpoint);
        requireOption(checkpoint == null || checkpoint.equals(resume) || !hasCheckpoints(checkpoint),
                "--checkpoint: expected a folder without checkpoints for a new run, got " + checkpoint
                        + " with some (continue that run with --resume " + checkpoint + ")");
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

    /**
     * Refuses a checkpoint folder that another run is using before any data is loaded; the trainer
     * takes the folder's lock itself when training starts.
     */
    void checkCheckpointFolderFree() throws IOException {
        Path folder = options.checkpoint != null ? options.checkpoint : options.resume;
        // Only an existing folder can hold another run's lock; a path that cannot become a folder
        // is refused by prepareOutputs as a usage error.
        if (folder != null && Files.isDirectory(folder)) {
            CheckpointLock.requireFree(folder);
        }
    }

    /**
     * The checkpoint options as a policy that saves the run's {@link RunSettings}, or null when
     * there are none; warnings go to standard error.
     */
    CheckpointPolicy checkpointPolicy() {
        Path folder = options.checkpoint != null ? options.checkpoint : options.resume;
        if (folder == null) {
            return null;
        }
        PrintWriter err = options.spec.commandLine().getErr();
        CheckpointPolicy policy = CheckpointPolicy.in(folder).keep(options.keep).warnings(err::println)
                .settings(RunSettings.of(options));
        if (options.checkpointEvery != null) {
            return policy.everyBatches(options.checkpointEvery);
        }
        return options.checkpointEveryEpochs != null ? policy.everyEpochs(options.checkpointEveryEpochs) : policy;
    }

    /**
     * Checks the output paths and creates the model file's folder before training, so that a typo
     * in {@code --out} or {@code --report} does not cost the training run (the model file was
     * written last and failed naming its temporary file; a file as {@code --report} failed naming
     * just the path).
     */
    void prepareOutputs() throws IOException {
        if (Files.isSymbolicLink(options.out)) {
            // A link is written through: the save renames a new file over the link's target, not the link.
            requireOption(Files.exists(options.out), "--out: expected a link to an existing file, got the dangling link "
                    + options.out);
            options.out = options.out.toRealPath();
        }
        Path out = options.out;
        Path report = options.report;
        requireOption(!Files.isDirectory(out), "--out: expected a model file name, got the directory " + out);
        // The save renames a new file over the path: a device, FIFO or socket there would be replaced.
        requireOption(!Files.exists(out, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(out),
                "--out: expected a regular file or a new name, got " + out + ", which is neither (a device, pipe "
                        + "or socket is never replaced)");
        requireOption(!Files.exists(report) || Files.isDirectory(report),
                "--report: expected a directory, got the file " + report);
        for (Path input : inputs()) {
            requireOption(!sameFile(out, input), "--out: expected a file other than the inputs, got " + out
                    + ", which is " + input + "; training would overwrite its own input");
        }
        // The temporary file's name is the model's name plus a prefix and suffix of about 30 characters.
        Path name = out.getFileName();
        requireOption(name == null || name.toString().length() <= 200, "--out: expected a file name of at most 200 "
                + "characters (the save writes a temporary file beside it with a longer name), got "
                + (name == null ? 0 : name.toString().length()));
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null) {
            requireWritableFolder("--out's folder", folder);
            Files.createDirectories(folder);
        }
        requireWritableFolder("--report", report);
        if (options.checkpoint != null || options.resume != null) {
            // Without --checkpoint a resumed run goes on saving into the folder it resumes from.
            requireWritableFolder(options.checkpoint != null ? "--checkpoint" : "--resume",
                    options.checkpoint != null ? options.checkpoint : options.resume);
        }
    }

    /**
     * Fails unless {@code folder} is a folder this user can write, or can be created as one: its
     * nearest existing ancestor must be a writable folder. Nothing is created, so a refused run
     * leaves no empty folders behind.
     */
    private void requireWritableFolder(String option, Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (existing.equals(absolute)) {
            requireOption(Files.isDirectory(existing), option + ": expected a folder, got the file " + folder);
            requireOption(Files.isWritable(existing), option + ": expected a folder this user can write, got "
                    + folder);
            return;
        }
        requireOption(Files.isDirectory(existing), option + ": expected a folder that can be created, got " + folder
                + ", which lies under the file " + existing);
        requireOption(Files.isWritable(existing), option + ": expected a folder this user can create, got " + folder
                + ", whose nearest existing folder " + existing + " this user cannot write");
    }

    /** The files training reads: a CSV data file and an architecture JSON file, where given. */
    private List<Path> inputs() {
        List<Path> inputs = new ArrayList<>();
        if (options.data != null && options.data.startsWith("csv:")) {
            String argument = options.data.substring("csv:".length());
            inputs.add(Path.of(argument));
            int colon = argument.lastIndexOf(':');
            if (colon > 0) {
                inputs.add(Path.of(argument.substring(0, colon)));
            }
        }
        if (options.model != null && !options.model.startsWith("mlp:") && !LayerList.matches(options.model)) {
            inputs.add(Path.of(options.model));
        }
        return inputs;
    }

    /** Whether both paths name one existing file (links and relative paths resolved). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private void requireOption(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(options.spec.commandLine(), message);
        }
    }

    /**
     * The loss named by {@code --loss} when it fits the task: cross-entropy for several outputs,
     * binary cross-entropy for one output, a regression loss for numeric targets. Any other pairing
     * trains without an error but learns nothing useful (cross-entropy over one column is always 0).
     */
    String checkLoss(String name, Sequential network, Dataset all) {
        requireOption(Losses.names().contains(name), "--loss: expected one of " + String.join(", ",
                Losses.names()) + ", got '" + name + "'");
        int outputs = outputWidth(network, all);
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
    void checkOutputLayer(Sequential network, String lossName) {
        List<Module> layers = network.layers();
        Module last = layers.get(layers.size() - 1);
        boolean squashed = lossName.equals("cross_entropy") && last instanceof Softmax
                || lossName.equals("binary_cross_entropy") && last instanceof Sigmoid;
        requireOption(!squashed, "--model: expected raw scores at the output for " + lossName + ", which applies "
                + (last instanceof Softmax ? "the softmax" : "the sigmoid") + " itself, got a final " + last
                + " layer (drop the output activation from the model)");
    }

    /** The normaliser kind to fit on the training split, or null for none. */
    String normalizerKind() {
        String normalize = options.normalize;
        String data = options.data;
        switch (normalize) {
            case "standard": case "minmax": return normalize;
            case "none": return null;
            case "auto":
                boolean table = data.startsWith("csv:") || data.equals("digits") || data.equals("iris");
                return table ? "standard" : null;
            default:
                throw new ParameterException(options.spec.commandLine(),
                        "--normalize: expected standard, minmax, none or auto, got '" + normalize + "'");
        }
    }

    /**
     * The network {@code --model} names (by default an MLP with one hidden layer of 64 sized to the
     * data), seeded by {@code --seed} and checked on one row of {@code all} for its output width.
     */
    Sequential buildModel(Dataset all) throws IOException {
        String model = options.model;
        long seed = options.seed;
        int inputs = all.features().size() / Math.max(1, all.size());
        int outputs = all.numClasses() > 0 ? all.numClasses() : all.targets().shape().dim(1);
        Sequential network;
        if (model == null) {
            network = MlpSpec.parse("mlp:" + inputs + "-64-" + outputs + ":relu").build(new Random(seed));
        } else if (LayerList.matches(model)) {
            network = layerList(model, all, seed);
        } else if (model.startsWith("mlp:")) {
            MlpSpec parsed;
            try {
                parsed = MlpSpec.parse(model);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--model: " + e.getMessage(), e);
            }
            network = parsed.build(new Random(seed));
        } else {
            network = Architecture.build(Files.readString(Path.of(model)), new Random(seed));
        }
        try {
            int columns = outputWidth(network, all);
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

    /** The loss used without {@code --loss}: MSE for numeric targets, else the cross-entropy that fits the outputs. */
    static String defaultLoss(boolean classification, Sequential network, Dataset all) {
        if (!classification) {
            return "mse";
        }
        return all.numClasses() == 2 && outputWidth(network, all) == 1 ? "binary_cross_entropy" : "cross_entropy";
    }

    /** A model from a layer list or preset, built for the data's images or rows as its first layer wants. */
    private static Sequential layerList(String model, Dataset all, long seed) {
        LayerList list;
        try {
            list = LayerList.parse(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage(), e);
        }
        int[] images = all.imageShape();
        if (list.takesImages() && images == null) {
            throw new UsageException("--model: expected data of images for '" + model + "', whose first layer takes "
                    + "[N, C, H, W], got rows of " + java.util.Arrays.toString(all.featureShape()) + " from " + all.name());
        }
        try {
            return list.build(list.takesImages() ? images : new int[] {rowLength(all)}, new Random(seed));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage(), e);
        }
    }

    private static int rowLength(Dataset all) {
        return all.features().size() / Math.max(1, all.size());
    }

    /**
     * {@code network} with the feature scaling as its first layer, so the saved model takes raw
     * inputs in Java, on the command line and in ONNX alike; {@code network} itself without one.
     */
    static Sequential withNormalization(Normalizer normalizer, Sequential network) {
        if (normalizer == null) {
            return network;
        }
        Sequential model = new Sequential(Normalization.of(normalizer.offset(), normalizer.scale()));
        network.layers().forEach(model::add);
        return model;
    }

    /** The number of outputs per row the network gives for the rows of {@code all}. */
    private static int outputWidth(Sequential network, Dataset all) {
        int[] sample = all.viewAs(sampleShape(network, all)).featureShape();
        int[] dims = new int[sample.length + 1];
        dims[0] = 1;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return network.outputShape(Shape.of(dims)).size();
    }

    /** The shape of one sample as {@code network} takes it ({@code -1} where the data decides), or the data's rows. */
    static int[] sampleShape(Sequential network, Dataset all) {
        int[] declared = network.sampleInputShape();
        return declared != null ? declared : new int[] {rowLength(all)};
    }

    /** The optimizer {@code --optimizer} names over the network's parameters, at {@code --lr} or its default. */
    Optimizer optimizer(Sequential network) {
        String optimizer = options.optimizer;
        requireOption(Optimizers.names().contains(optimizer), "--optimizer: expected one of "
                + String.join(", ", Optimizers.names()) + ", got '" + optimizer + "'");
        double decay = options.weightDecay;
        requireOption(decay >= 0 && Double.isFinite(decay), "--weight-decay: expected a number >= 0, got " + decay);
        requireOption(decay == 0 || Optimizers.hasWeightDecay(optimizer), "--weight-decay: expected an optimizer with "
                + "weight decay (sgd, momentum, nesterov, adam, adamw), got '" + optimizer + "'");
        return Optimizers.create(optimizer, network.parameters(), options.learningRate, decay);
    }
}
