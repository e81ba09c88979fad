package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.train.ConfusionMatrix;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report folder, made while the final evaluation runs ({@link Report#draft}) and written after it. */
class ReportTest {
    @TempDir
    Path directory;

    private static History history(int epochs) {
        History history = new History();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            history.add(new EpochRecord(epoch, Map.of("loss", 1.0 / epoch, "accuracy", 0.5 + epoch / 100.0), 0.01));
        }
        return history;
    }

    private static TrainedModel model() {
        Sequential network = new Sequential(Dense.fromNeuronRows(new float[][] {{1f, 2f}, {3f, 4f}},
                new float[] {0f, 0f}), new Sigmoid());
        return new TrainedModel(network, List.of("no", "yes"), "cross_entropy", Map.of());
    }

    @Test
    void aDraftWritesNothingUntilTheEvaluationIsKnownThenEveryFile() throws IOException {
        History history = history(30);
        Report.Draft draft = Report.draft(history, model(), "a test set");
        Path folder = directory.resolve("run-report");
        assertFalse(Files.exists(folder), "nothing is written before write()");
        ConfusionMatrix confusion = new ConfusionMatrix(2);
        confusion.add(0, 0);
        confusion.add(1, 0);
        draft.write(folder, new Evaluation(0.3, 0.5, confusion, Double.NaN, Double.NaN, 2));
        assertEquals(history.toCsv(), Files.readString(folder.resolve("history.csv")));
        BufferedImage picture = ImageIO.read(folder.resolve("history.png").toFile());
        assertEquals(Report.WIDTH, picture.getWidth());
        assertEquals(Report.HEIGHT, picture.getHeight());
        BufferedImage matrix = ImageIO.read(folder.resolve("confusion.png").toFile());
        assertEquals(Report.CONFUSION_SIZE, matrix.getWidth());
    }

    @Test
    void withoutAConfusionMatrixThereIsNoConfusionPicture() throws IOException {
        Path folder = directory.resolve("regression-report");
        Report.write(folder, history(3), new Evaluation(0.1, Double.NaN, null, 0.2, 0.1, 5), model(), "data");
        assertTrue(Files.isRegularFile(folder.resolve("history.png")));
        assertFalse(Files.exists(folder.resolve("confusion.png")));
    }

    @Test
    void aFolderThatCannotBeMadeFailsNamingThePath() throws IOException {
        Path file = Files.writeString(directory.resolve("taken"), "a file, not a folder");
        Report.Draft draft = Report.draft(history(2), model(), "data");
        IOException failure = assertThrows(IOException.class,
                () -> draft.write(file.resolve("report"), new Evaluation(0.1, Double.NaN, null, 0.2, 0.1, 5)));
        assertTrue(String.valueOf(failure.getMessage()).contains("taken"), failure.getMessage());
    }
}
