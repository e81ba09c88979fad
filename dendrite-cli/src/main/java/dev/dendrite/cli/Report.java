package dev.dendrite.cli;

import dev.dendrite.cli.plot.ConfusionMatrixRenderer;
import dev.dendrite.cli.plot.HistoryChartRenderer;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report folder that {@code dendrite train} (and {@code spark-train}, in {@code dendrite-spark})
 * writes: the history as CSV and as a plot, and the confusion matrix of the validation set as an
 * image (classification only). Stateless.
 */
public final class Report {
    static final int WIDTH = 1400;
    static final int HEIGHT = 1200;
    static final int CONFUSION_SIZE = 900;

    private Report() {
    }

    /** {@code iris-report} beside {@code iris.safetensors}: the default report folder of a model file. */
    public static Path beside(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-report");
    }

    /**
     * Writes {@code history.csv}, {@code history.png} and, when {@code evaluation} has a confusion
     * matrix, {@code confusion.png} into {@code folder} (created when missing); {@code subheading}
     * names the data under the pictures' titles.
     */
    public static void write(Path folder, History history, Evaluation evaluation, TrainedModel model,
            String subheading) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("history.csv"), history.toCsv());
        // The model names each layer in the legends (Dense 1 (784→128)), as plot history does.
        HistoryChartRenderer.picture(history, model.model(), subheading, WIDTH, HEIGHT)
                .write(folder.resolve("history.png"));
        if (evaluation.confusion() != null) {
            ConfusionMatrixRenderer.picture(evaluation.confusion(), model.classNames(), subheading, CONFUSION_SIZE)
                    .write(folder.resolve("confusion.png"));
        }
    }
}
