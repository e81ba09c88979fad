package dev.dendrite.spark;

import dev.dendrite.tensor.Tensor;

/**
 * How outputs line up with targets, as the core's trainer does it (its helper is internal to
 * {@code train}): class indices {@code [N]} stay as they are for {@code [N, C]} outputs and become
 * {@code [N, 1]} for a single binary logit. Stateless.
 */
final class Targets {
    private Targets() {
    }

    /** The target tensor the loss compares {@code output} with. */
    static Tensor forLoss(Tensor output, Tensor targets, boolean classification) {
        if (classification && output.rank() == 2 && output.shape().dim(1) == 1 && targets.rank() == 1) {
            return targets.reshape(-1, 1);
        }
        return targets;
    }

    /** Rows whose largest logit (or logit > 0 for one output) is the target class. */
    static long countCorrect(Tensor output, Tensor targets) {
        int rows = output.shape().dim(0);
        int columns = output.size() / Math.max(1, rows);
        float[] z = output.data();
        float[] truth = targets.data();
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int predicted;
            if (columns == 1) {
                predicted = z[r] > 0 ? 1 : 0;
            } else {
                predicted = 0;
                for (int c = 1; c < columns; c++) {
                    if (z[r * columns + c] > z[r * columns + predicted]) {
                        predicted = c;
                    }
                }
            }
            correct += predicted == (int) truth[r] ? 1 : 0;
        }
        return correct;
    }
}
