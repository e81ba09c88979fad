package dev.dendrite.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@link Trainer#resume} continues a run: the newest checkpoint of its folder that reads back
 * complete, found by {@link CheckpointPolicy#resumePoint}. Immutable.
 *
 * @param file        the checkpoint file
 * @param step        optimizer steps taken before it was saved
 * @param epochsDone  epochs finished
 * @param batchesDone batches done of the next epoch (0 at an epoch boundary)
 * @param settings    the run's settings as saved ({@link CheckpointPolicy#settings}); empty in
 *                    files written before settings were saved
 */
public record ResumePoint(Path file, long step, int epochsDone, int batchesDone, Map<String, String> settings) {
    /** Copies {@code settings}. */
    public ResumePoint {
        settings = Map.copyOf(settings);
    }

    /** "step 120, after epoch 4" or "step 125, epoch 5 after batch 5": where training goes on. */
    public String position() {
        return "step " + step + ", " + (batchesDone == 0 ? "after epoch " + epochsDone
                : "epoch " + (epochsDone + 1) + " after batch " + batchesDone);
    }
}
