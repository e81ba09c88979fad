package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * One-hot encoding: class index {@code c} of {@code C} classes becomes the row
 * {@code [0, ..., 0, 1, 0, ..., 0]} of length C with the 1 at position {@code c}. Labels
 * {@code [N]} become {@code [N, C]}; {@link #decode} goes back by taking each row's largest entry.
 * Stateless.
 */
public final class OneHot {
    private OneHot() {
    }

    /**
     * The one-hot rows {@code [N, numClasses]} of {@code labels} {@code [N]}, which must hold whole
     * numbers in {@code [0, numClasses)}.
     */
    public static Tensor encode(Tensor labels, int numClasses) {
        Validate.argument(numClasses >= 1, "OneHot.encode", "numClasses >= 1", numClasses);
        Validate.argument(labels.rank() == 1, "OneHot.encode", "labels [N]", labels.shape());
        float[] indices = labels.data();
        float[] rows = new float[indices.length * numClasses];
        for (int row = 0; row < indices.length; row++) {
            float label = indices[row];
            Validate.argument(label >= 0 && label < numClasses && label == Math.rint(label), "OneHot.encode",
                    "class indices as whole numbers in [0, " + numClasses + ")", label + " at row " + row);
            rows[row * numClasses + (int) label] = 1;
        }
        return Tensor.wrap(rows, indices.length, numClasses);
    }

    /** The one-hot rows {@code [N, numClasses]} of a classification set's targets. */
    public static Tensor encode(Dataset dataset) {
        Validate.argument(dataset.isClassification(), "OneHot.encode", "a classification set",
                "regression set '" + dataset.name() + "'");
        return encode(dataset.targets(), dataset.numClasses());
    }

    /**
     * The class index {@code [N]} of each row of {@code rows} {@code [N, C]}: the position of its largest
     * entry (the first one on ties), so it also turns scores or probabilities into predictions.
     */
    public static Tensor decode(Tensor rows) {
        Validate.argument(rows.rank() == 2 && rows.shape().dim(1) >= 1, "OneHot.decode", "rows [N, C]", rows.shape());
        int[] positions = rows.argmax(1);
        float[] labels = new float[positions.length];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = positions[row];
        }
        return Tensor.wrap(labels, labels.length);
    }
}
