package dev.dendrite.data;

import dev.dendrite.tensor.Validate;
import java.util.Arrays;

/** The checks every {@link Dataset} passes at construction. Stateless. */
final class DatasetChecks {
    private DatasetChecks() {
    }

    static void check(Dataset dataset) {
        String op = "Dataset '" + dataset.name() + "'";
        int[] features = dataset.features().shape().dims();
        int[] targets = dataset.targets().shape().dims();
        Validate.argument(features.length >= 2, op, "features [N, ...features] with at least 2 axes", features);
        if (dataset.isClassification()) {
            Validate.argument(targets.length == 1, op, "class-index targets [N]", targets);
        } else {
            Validate.argument(targets.length == 2, op, "regression targets [N, T]", targets);
        }
        Validate.argument(features[0] == targets[0], op, "features and targets with the same N",
                "features " + Arrays.toString(features) + " and targets " + Arrays.toString(targets));
        int classes = dataset.numClasses();
        int names = dataset.classNames().size();
        Validate.argument(names == classes, op, classes + " class names", names + " names");
        finite(op, "features", dataset.features().data(), features);
        if (dataset.isClassification()) {
            classIndices(op, dataset.targets().data(), classes);
        } else {
            finite(op, "targets", dataset.targets().data(), targets);
        }
    }

    private static void finite(String op, String what, float[] values, int[] dims) {
        int rowLength = dims[0] == 0 ? 1 : Math.max(1, values.length / dims[0]);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw Validate.fail(op, "finite " + what,
                        values[i] + " at row " + i / rowLength + ", column " + i % rowLength);
            }
        }
    }

    private static void classIndices(String op, float[] labels, int classes) {
        for (int row = 0; row < labels.length; row++) {
            float label = labels[row];
            if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                throw Validate.fail(op,
                        "class indices as whole numbers in [0, " + classes + ")", label + " at row " + row);
            }
        }
    }
}
