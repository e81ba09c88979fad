package dev.dendrite.cli;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Normalizer;
import dev.dendrite.io.ModelFile;
import dev.dendrite.io.SavedModel;
import dev.dendrite.loss.BinaryCrossEntropy;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.loss.Huber;
import dev.dendrite.loss.Loss;
import dev.dendrite.loss.MAE;
import dev.dendrite.loss.MSE;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the command line saves and loads it: the network plus what it needs to be used on
 * raw data — the feature normalisation fitted on the training split, the class names, and which
 * loss it was trained with. All of it goes into the model file's metadata.
 *
 * @param model      the network
 * @param normalizer the feature normalisation, or null for none
 * @param classNames class names in index order; empty for regression
 * @param lossName   the loss: {@code cross_entropy}, {@code binary_cross_entropy}, {@code mse}, {@code mae}, {@code huber}
 * @param metadata   everything stored in the file's metadata (training information included)
 */
record TrainedModel(Sequential model, Normalizer normalizer, List<String> classNames, String lossName,
                    Map<String, String> metadata) {
    static final String CLASSES = "dendrite.classes";
    static final String NORMALIZER = "dendrite.normalizer";
    static final String LOSS = "dendrite.loss";
    /** The loss names {@link #lossByName} knows. */
    static final List<String> LOSSES = List.of("cross_entropy", "binary_cross_entropy", "mse", "mae", "huber");

    boolean isClassification() {
        return !classNames.isEmpty();
    }

    Loss loss() {
        return lossByName(lossName);
    }

    static Loss lossByName(String name) {
        switch (name) {
            case "cross_entropy": return new CrossEntropy();
            case "binary_cross_entropy": return new BinaryCrossEntropy();
            case "mse": return new MSE();
            case "mae": return new MAE();
            case "huber": return new Huber(1.0);
            default:
                throw new IllegalArgumentException("loss: expected one of cross_entropy, binary_cross_entropy, mse, "
                        + "mae, huber, got '" + name + "'");
        }
    }

    /** The dataset with this model's normalisation applied to its features. */
    Dataset prepare(Dataset data) {
        return normalizer == null ? data : normalizer.apply(data);
    }

    /** Raw feature rows through normalisation and the network, without recording a graph. */
    Tensor predict(Tensor features) {
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(normalizer == null ? features : normalizer.apply(features));
        }
    }

    void save(Path file, Map<String, String> trainingInfo) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(trainingInfo);
        all.put(LOSS, lossName);
        if (!classNames.isEmpty()) {
            all.put(CLASSES, String.join("\n", classNames));
        }
        if (normalizer != null) {
            all.put(NORMALIZER, normalizer.toMetadata());
        }
        ModelFile.save(file, model, all);
    }

    static TrainedModel load(Path file) throws IOException {
        SavedModel saved = ModelFile.load(file);
        Map<String, String> metadata = saved.metadata();
        String classes = metadata.get(CLASSES);
        List<String> classNames = classes == null || classes.isEmpty() ? List.of() : Arrays.asList(classes.split("\n"));
        String normalizer = metadata.get(NORMALIZER);
        String loss = metadata.getOrDefault(LOSS, classNames.isEmpty() ? "mse" : "cross_entropy");
        try {
            return new TrainedModel(saved.model(), normalizer == null ? null : Normalizer.fromMetadata(normalizer),
                    classNames, loss, metadata);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid dendrite metadata: " + e.getMessage(), e);
        }
    }
}
