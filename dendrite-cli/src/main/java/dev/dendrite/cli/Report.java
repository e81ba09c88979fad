package dev.dendrite.cli;

import dev.dendrite.cli.plot.ConfusionMatrixRenderer;
import dev.dendrite.cli.plot.HistoryChartRenderer;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
     * Starts drawing and encoding a small throwaway history picture on a background thread, so that
     * loading the charting, font and PNG classes overlaps training instead of following it: on the
     * series' small network, whose training keeps one core busy, the report took about half a
     * second after the last epoch. Anything that goes wrong here only loses the head start.
     */
    static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                History history = new History();
                for (int epoch = 1; epoch <= 2; epoch++) {
                    history.add(new EpochRecord(epoch, Map.of("loss", 1.0 / epoch), 0));
                }
                HistoryChartRenderer.picture(history, null, "", 320, 240).toPng();
            } catch (Throwable ignored) {
                // the real report draws on its own and reports its own failures
            }
        }, "dendrite-report-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Writes {@code history.csv}, {@code history.png} and, when {@code evaluation} has a confusion
     * matrix, {@code confusion.png} into {@code folder} (created when missing); {@code subheading}
     * names the data under the pictures' titles.
     */
    public static void write(Path folder, History history, Evaluation evaluation, TrainedModel model,
            String subheading) throws IOException {
        Files.createDirectories(folder);
        // The table is a formatted number per metric and epoch (9 000 for the series' small
        // network), which took as long as drawing the picture, and the second core is idle once
        // training has ended: the two are made side by side.
        FutureTask<Void> table = new FutureTask<>(() -> {
            Files.writeString(folder.resolve("history.csv"), history.toCsv());
            return null;
        });
        Thread thread = new Thread(table, "dendrite-report-table");
        thread.setDaemon(true);
        thread.start();
        try {
            // The model names each layer in the legends (Dense 1 (784→128)), as plot history does.
            HistoryChartRenderer.picture(history, model.model(), subheading, WIDTH, HEIGHT)
                    .write(folder.resolve("history.png"));
            if (evaluation.confusion() != null) {
                ConfusionMatrixRenderer.picture(evaluation.confusion(), model.classNames(), subheading,
                        CONFUSION_SIZE).write(folder.resolve("confusion.png"));
            }
        } finally {
            // Also when a picture failed: the command exits right after, which would stop the
            // table's thread halfway through the file. A failed table is reported first, as when
            // it was written before the pictures.
            awaitTable(table);
        }
    }

    /** Waits for the history table; its failure is this call's. */
    private static void awaitTable(FutureTask<Void> table) throws IOException {
        try {
            table.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing history.csv", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
