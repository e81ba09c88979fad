package dev.dendrite.cli.ui;

import dev.dendrite.train.Callback;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.util.List;

/**
 * Feeds a {@link RunState} from a training run: the loss every {@code every} batches, each epoch's
 * metrics, and the epoch-end views ({@link EpochViews}). It runs on the training thread and only
 * copies numbers into the state; the server's threads do the sending.
 */
public final class UiCallback implements Callback {
    private final RunState state;
    private final EpochViews views;
    private final List<String> classNames;
    private final int every;
    private final int batchesPerEpoch;

    /**
     * @param state           where to put what training produces
     * @param views           the epoch-end views to compute
     * @param classNames      class names in index order (empty for regression)
     * @param batchesPerEpoch batches in one epoch, to place batch losses on the epoch axis
     * @param every           record the loss every this many batches
     */
    UiCallback(RunState state, EpochViews views, List<String> classNames, int batchesPerEpoch, int every) {
        this.state = state;
        this.views = views;
        this.classNames = List.copyOf(classNames);
        this.batchesPerEpoch = Math.max(1, batchesPerEpoch);
        this.every = Math.max(1, every);
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
        if (batch % every == 0) {
            state.addBatch(epoch - 1 + (double) batch / batchesPerEpoch, loss);
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochRecord record) {
        String[] confusion = views.confusionAndMistakes(trainer.model(), classNames);
        state.setViews(EpochViews.histograms(trainer.model()), confusion[0], confusion[1]);
        state.addEpoch(record.epoch(), record.seconds(), record.metrics());
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        String reason = trainer.stopReason();
        state.finish("finished after " + history.size() + (history.size() == 1 ? " epoch" : " epochs")
                + (reason == null ? "" : ": " + reason));
    }
}
