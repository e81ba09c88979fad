package dev.dendrite.cli;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Dataset;
import dev.dendrite.io.ModelFile;
import dev.dendrite.io.NonFiniteParameterException;
import dev.dendrite.io.SavedModel;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.OnnxExport;
import dev.dendrite.onnx.OnnxImport;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the command line saves and loads it: the network (whose first layer, when training
 * scaled the features, is a {@link dev.dendrite.nn.Normalization}, so it takes raw inputs), the
 * class names, and which loss it was trained with. The names and the loss go into the model
 * file's metadata.
 *
 * @param model      the network
 * @param classNames class names in index order; empty for regression
 * @param lossName   the loss: {@code cross_entropy}, {@code binary_cross_entropy}, {@code mse}, {@code mae}, {@code huber}
 * @param metadata   everything stored in the file's metadata (training information included)
 */
public record TrainedModel(Sequential model, List<String> classNames, String lossName,
                    Map<String, String> metadata) {
    static final String CLASSES = "dendrite.classes";
    static final String LOSS = "dendrite.loss";
    /** The CSV label column a model was trained with, so that {@code predict} can skip it in a CSV of rows. */
    static final String LABEL_COLUMN = "dendrite.label_column";
    /** The sample shape recorded at training time, as {@code 1,28,28}, for models that take any size. */
    static final String INPUT_SHAPE = "dendrite.input_shape";
    /** Metadata keys the model file writes itself, left out when metadata moves to or from ONNX. */
    static final java.util.Set<String> RESERVED_KEYS = java.util.Set.of("format", "format_version", "architecture",
            "crc32");

    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    public Loss loss() {
        return Losses.byName(lossName);
    }

    /**
     * The shape of one input sample: the model's own ({@link Sequential#sampleInputShape()}) when
     * it is complete, else the one recorded at training time, else the normaliser's width, else
     * {@code null} when nothing says.
     */
    public int[] sampleInputShape() {
        int[] declared = model.sampleInputShape();
        if (declared != null && Arrays.stream(declared).allMatch(d -> d > 0)) {
            return declared;
        }
        String recorded = metadata.get(INPUT_SHAPE);
        if (recorded != null && !recorded.isBlank()) {
            return Arrays.stream(recorded.split(",")).mapToInt(d -> Integer.parseInt(d.trim())).toArray();
        }
        return null;
    }

    /** The number of features a row must have, or -1 when the model does not say. */
    int inputWidth() {
        int[] shape = sampleInputShape();
        return shape == null ? -1 : Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /**
     * Checks that {@code data} can be scored by this model: rows of the model's input width, class
     * indices for a classifier (with the same classes) and numeric targets for a regression model.
     * Without it a 3-class model scores a 2-class set with out-of-range predictions counted in the
     * last class, and a width mismatch fails inside a layer with a message about tensor shapes.
     *
     * @throws IllegalArgumentException naming the data set and what differs
     */
    public void checkFits(Dataset data) {
        int features = data.features().size() / Math.max(1, data.size());
        int width = inputWidth();
        if (width > 0 && features != width) {
            throw new IllegalArgumentException("data: expected " + width + (width == 1 ? " feature" : " features")
                    + " per row (the model's input width), got " + features + " in " + data.name());
        }
        if (isClassification() != data.isClassification()) {
            throw new IllegalArgumentException("data: expected " + (isClassification() ? "class labels" : "numeric "
                    + "targets") + " for this " + (isClassification() ? "classifier" : "regression model") + ", got "
                    + (data.isClassification() ? "class labels" : "numeric targets") + " in " + data.name());
        }
        if (isClassification() && !classNames.equals(data.classNames())) {
            throw new IllegalArgumentException("data: expected the model's " + classNames.size() + " classes "
                    + classNames + ", got " + data.numClasses() + " classes " + data.classNames() + " in "
                    + data.name());
        }
    }

    /**
     * {@code data} viewed as the samples this model takes (images {@code [N, 1, 28, 28]} for a
     * convolutional model, rows for a perceptron), sharing its values.
     */
    public Dataset view(Dataset data) {
        int[] shape = sampleInputShape();
        return shape == null ? data : data.viewAs(shape);
    }

    /** Raw feature rows through the network (normalisation included), without recording a graph. */
    public Tensor predict(Tensor features) {
        int[] shape = sampleInputShape();
        Tensor input = features;
        if (shape != null && shape.length > 1 && features.rank() == 2) {
            int[] dims = new int[shape.length + 1];
            dims[0] = features.shape().dim(0);
            System.arraycopy(shape, 0, dims, 1, shape.length);
            input = features.reshape(dims);
        }
        model.eval();
        Tensor output;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            output = model.forward(input);
        }
        float[] values = output.data();
        int width = values.length / Math.max(1, output.shape().dim(0));
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("predict: expected finite outputs, got " + values[i] + " for row "
                        + (i / width + 1) + " (an input value too large for the model's scaling or weights, or "
                        + "non-finite weights); no class is given for it");
            }
        }
        return output;
    }

    /**
     * Saves the network to {@code file} (atomically, as {@code ModelFile.save}) with
     * {@code trainingInfo}, the loss and the class names (a JSON array) in its metadata.
     */
    public void save(Path file, Map<String, String> trainingInfo) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(trainingInfo);
        all.put(LOSS, lossName);
        if (!classNames.isEmpty()) {
            all.put(CLASSES, ClassNames.write(classNames));
        }
        ModelFile.save(file, model, all);
    }

    /**
     * The model in {@code file}: a Dendrite model file, or an ONNX file (a name ending in {@code .onnx}).
     *
     * @throws IOException with one line naming the file when it cannot be read or is not a model
     */
    public static TrainedModel load(Path file) throws IOException {
        return load(file, false, null);
    }

    /**
     * As {@link #load(Path)} for a command with the {@value #ALLOW_NONFINITE} option: with
     * {@code allowNonFinite}, NaN and infinite parameters are loaded as they are; without it, the
     * refusal names the option.
     */
    static TrainedModel load(Path file, boolean allowNonFinite) throws IOException {
        return load(file, allowNonFinite, ALLOW_NONFINITE);
    }

    /** The option of {@code summary}, {@code evaluate} and {@code predict} that loads a diverged model. */
    static final String ALLOW_NONFINITE = "--allow-nonfinite";

    private static TrainedModel load(Path file, boolean allowNonFinite, String option) throws IOException {
        if (Files.isDirectory(file)) {
            // Reading a directory fails with a bare "Is a directory" that does not say which path.
            throw new IOException(file + ": expected a model file, got a directory");
        }
        if (isOnnx(file)) {
            return fromOnnx(file);
        }
        SavedModel saved;
        try {
            saved = ModelFile.load(file, new java.util.Random(0), allowNonFinite);
        } catch (NonFiniteParameterException e) {
            if (option == null) {
                throw e;
            }
            throw new IOException(e.getMessage() + " (" + option + " loads it anyway)", e);
        }
        return of(file, saved.model(), saved.metadata());
    }

    /** Whether {@code file} is read as ONNX: its name ends in {@code .onnx}. */
    static boolean isOnnx(Path file) {
        return file.getFileName() != null
                && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    /**
     * An ONNX model (from {@code dendrite export}, or PyTorch): its {@code metadata_props} are the
     * metadata; a normaliser baked into the graph becomes the first layer, and the shape the model
     * takes is recorded as {@value #INPUT_SHAPE} when the file gives it.
     */
    private static TrainedModel fromOnnx(Path file) throws IOException {
        OnnxImport.Imported imported = OnnxImport.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(imported.metadata());
        metadata.remove(OnnxExport.PREPROCESSING_KEY);
        int[] sample = imported.sampleShape();
        if (!metadata.containsKey(INPUT_SHAPE) && Arrays.stream(sample).allMatch(d -> d > 0)) {
            metadata.put(INPUT_SHAPE, Arrays.stream(sample).mapToObj(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        return of(file, imported.modelWithPreprocessing(), metadata);
    }

    private static TrainedModel of(Path file, Sequential model, Map<String, String> metadata) throws IOException {
        try {
            List<String> classNames = ClassNames.read(metadata.get(CLASSES));
            String loss = metadata.getOrDefault(LOSS, classNames.isEmpty() ? "mse" : "cross_entropy");
            TrainedModel trained = new TrainedModel(model, classNames, loss, metadata);
            trained.sampleInputShape(); // a malformed recorded shape fails here, naming the file
            return trained;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid dendrite metadata: " + e.getMessage(), e);
        }
    }
}
