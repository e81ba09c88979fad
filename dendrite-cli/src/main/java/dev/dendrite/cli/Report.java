package dev.dendrite.cli;

import dev.dendrite.cli.plot.ConfusionMatrixRenderer;
import dev.dendrite.cli.plot.HistoryChartRenderer;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The report folder that {@code dendrite train} writes: the history as CSV and as a plot, and the
 * confusion matrix of the validation set as an image (classification only).
 */
final class Report {
    static final int WIDTH = 1400;
    static final int HEIGHT = 1200;
    static final int CONFUSION_SIZE = 900;

    private Report() {
    }

    static void write(Path folder, History history, Evaluation evaluation, TrainedModel model, String subheading)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("history.csv"), history.toCsv());
        ImageIO.write(HistoryChartRenderer.render(history, subheading, WIDTH, HEIGHT), "png",
                folder.resolve("history.png").toFile());
        if (evaluation.confusion() != null) {
            ImageIO.write(ConfusionMatrixRenderer.render(evaluation.confusion(), model.classNames(), subheading, CONFUSION_SIZE),
                    "png", folder.resolve("confusion.png").toFile());
        }
    }
}
