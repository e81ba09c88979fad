package dev.dendrite.cli;

import dev.dendrite.cli.plot.ConfusionMatrixRenderer;
import dev.dendrite.cli.plot.HistoryChartRenderer;
import dev.dendrite.cli.plot.Picture;
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
 * image (classification only). Stateless; a {@link Draft} is one report on its way.
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
        draft(history, model, subheading).write(folder, evaluation);
    }

    /**
     * Starts making the history's table and picture on two background threads, for a run whose
     * history is complete but whose final evaluation and model file are still to come. A small
     * network's evaluation leaves the second core idle, and the picture took longer than both
     * (about 0.2 s of the 0.3 s the series' small network spent after its last epoch). {@code history}
     * and {@code model} must not change any more; the model is only read for its layers' names. If
     * the draft is never written (the evaluation failed), the threads end on their own and nothing
     * is written.
     */
    public static Draft draft(History history, TrainedModel model, String subheading) {
        // The table is a formatted number per metric and epoch (9 000 for the series' small
        // network), which took as long as drawing the picture: the two are made side by side.
        FutureTask<String> table = new FutureTask<>(history::toCsv);
        // The model names each layer in the legends (Dense 1 (784→128)), as plot history does.
        FutureTask<byte[]> picture = new FutureTask<>(
                () -> HistoryChartRenderer.picture(history, model.model(), subheading, WIDTH, HEIGHT).toPng());
        start(table, "dendrite-report-table");
        start(picture, "dendrite-report-history");
        return new Draft(table, picture, model, subheading);
    }

    private static void start(FutureTask<?> task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A report whose history table and picture are being made ({@link #draft}); nothing is written
     * until {@link #write}. For one thread: write it once.
     */
    public static final class Draft {
        private final FutureTask<String> table;
        private final FutureTask<byte[]> picture;
        private final TrainedModel model;
        private final String subheading;

        private Draft(FutureTask<String> table, FutureTask<byte[]> picture, TrainedModel model, String subheading) {
            this.table = table;
            this.picture = picture;
            this.model = model;
            this.subheading = subheading;
        }

        /**
         * Writes {@code history.csv}, {@code history.png} and, when {@code evaluation} has a
         * confusion matrix, {@code confusion.png} into {@code folder} (created when missing), once
         * the first two are made. The confusion picture is drawn while they are still being made,
         * so its failure is reported first, then the table's, then the history picture's.
         */
        public void write(Path folder, Evaluation evaluation) throws IOException {
            Files.createDirectories(folder);
            byte[] confusion = evaluation.confusion() == null ? null
                    : ConfusionMatrixRenderer.picture(evaluation.confusion(), model.classNames(), subheading,
                            CONFUSION_SIZE).toPng();
            Files.writeString(folder.resolve("history.csv"), await(table, "history.csv"));
            Picture.write(folder.resolve("history.png"), await(picture, "history.png"));
            if (confusion != null) {
                Picture.write(folder.resolve("confusion.png"), confusion);
            }
        }
    }

    /** The task's result once it has finished; its failure is the caller's. */
    private static <T> T await(FutureTask<T> task, String what) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + what, e);
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
