package dev.dendrite.cli.ui;

import dev.dendrite.data.Dataset;
import dev.dendrite.train.Callback;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * {@code train --ui}: the page's state, its server and the callback that feeds them, started
 * before training and closed after it. The page's stop action only sets a flag; the callback
 * asks the trainer to stop at the next epoch's end, on the training thread.
 */
public final class LiveTraining implements AutoCloseable {
    /** The validation rows scored at each epoch's end for the confusion matrix and the mistakes. */
    static final int SAMPLE_ROWS = 1000;
    /** About this many batch losses per epoch reach the page. */
    static final int BATCH_POINTS_PER_EPOCH = 50;

    private final RunState state;
    private final UiServer server;
    private final Callback callback;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private LiveTraining(RunState state, int port, UiCallback feed) throws IOException {
        this.state = state;
        this.server = UiServer.start(state, port, () -> stopRequested.set(true));
        this.callback = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
                feed.onBatchEnd(trainer, epoch, batch, loss);
            }

            @Override
            public void onEpochEnd(Trainer trainer, EpochRecord record) {
                feed.onEpochEnd(trainer, record);
                if (stopRequested.get()) {
                    trainer.requestStop("stopped from the training page");
                }
            }

            @Override
            public void onTrainEnd(Trainer trainer, History history) {
                feed.onTrainEnd(trainer, history);
            }
        };
    }

    /**
     * Starts the page's server on 127.0.0.1:{@code port} (0: a free port) and prints its address
     * and stop token to {@code out}.
     *
     * @param title       the page's heading (model and data)
     * @param train       the training rows (for the number of batches per epoch)
     * @param batchSize   the batch size
     * @param validation  the validation rows, normalised, or null
     * @param rawValidation the same rows before normalisation (for drawing), or null
     * @param classNames  class names (empty for regression)
     * @param imageSide   the side of square-image inputs, or 0
     */
    public static LiveTraining start(String title, int port, Dataset train, int batchSize, Dataset validation,
            Dataset rawValidation, List<String> classNames, int imageSide, PrintWriter out) throws IOException {
        RunState state = new RunState(title);
        int[] rows = validation == null ? null : IntStream.range(0, Math.min(SAMPLE_ROWS, validation.size())).toArray();
        Dataset sample = rows == null ? null : validation.subset(rows);
        Dataset rawSample = rows == null ? null : rawValidation.subset(rows);
        int batches = (train.size() + batchSize - 1) / batchSize;
        UiCallback feed = new UiCallback(state, new EpochViews(sample, rawSample, imageSide), classNames, batches,
                Math.max(1, batches / BATCH_POINTS_PER_EPOCH));
        LiveTraining live = new LiveTraining(state, port, feed);
        out.println("training page: " + live.server.url() + "  (to stop from the page, token " + live.server.token()
                + ")");
        out.flush();
        return live;
    }

    /** The callback to add to the trainer. */
    public Callback callback() {
        return callback;
    }

    /** The page's address. */
    public String url() {
        return server.url();
    }

    /** Marks the run failed (when training threw) so the page does not wait forever. */
    public void failed(Throwable error) {
        if (!state.finished()) {
            state.finish("failed: " + error.getMessage());
        }
    }

    /** Lets open pages receive the final state, then stops the server. */
    @Override
    public void close() {
        if (!state.finished()) {
            state.finish("finished");
        }
        server.close(2000);
    }
}
