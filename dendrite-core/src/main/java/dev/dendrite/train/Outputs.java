package dev.dendrite.train;

import dev.dendrite.tensor.Tensor;

/** How model outputs line up with dataset targets, for losses and accuracy. */
final class Outputs {
    private Outputs() {
    }

    /**
     * The target tensor a loss should compare {@code output} with: class indices {@code [N]} as
     * they are for a multi-class output {@code [N, C]}, reshaped to {@code [N, 1]} for a single
     * binary logit; regression targets unchanged.
     */
    static Tensor targetFor(Tensor output, Tensor targets, boolean classification) {
        if (classification && output.rank() == 2 && output.shape().dim(1) == 1 && targets.rank() == 1) {
            return targets.reshape(-1, 1);
        }
        return targets;
    }

    /** The predicted class of each row: the largest logit, or logit > 0 for a single output. */
    static int[] predictedClasses(Tensor output) {
        int rows = output.shape().dim(0);
        int columns = output.size() / Math.max(1, rows);
        if (columns == 1) {
            int[] classes = new int[rows];
            float[] z = output.data();
            for (int r = 0; r < rows; r++) {
                classes[r] = z[r] > 0 ? 1 : 0;
            }
            return classes;
        }
        return output.argmax(1);
    }

    /** How many rows of {@code output} predict the class in {@code targets}. */
    static long countCorrect(Tensor output, Tensor targets) {
        int[] predicted = predictedClasses(output);
        float[] truth = targets.data();
        long correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == (int) truth[r] ? 1 : 0;
        }
        return correct;
    }
}
