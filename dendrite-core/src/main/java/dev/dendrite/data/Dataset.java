package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A set of examples: {@code features} {@code [N, ...features]} with one target per row.
 *
 * <p>Two kinds, fixed at construction:
 * <ul>
 *   <li><b>classification</b>: {@code targets} {@code [N]} holds class indices as floats
 *       {@code 0, 1, ..., numClasses - 1}; {@link #numClasses()} is at least 1;</li>
 *   <li><b>regression</b>: {@code targets} {@code [N, T]} holds T values per row;
 *       {@link #numClasses()} is 0.</li>
 * </ul>
 * Construction checks that features and targets have the same N, that class indices are whole
 * numbers in range, and that no feature or target is NaN or infinite (the message names the row
 * and column).
 *
 * <p>Immutable and thread-safe: the factories copy the given tensors, and nothing here writes to
 * them afterwards. {@link #features()} and {@link #targets()} return the stored tensors without a
 * copy, so that a 60000-row set stays cheap to pass around; treat them as read-only.
 */
public final class Dataset {
    private final String name;
    private final Tensor features;
    private final Tensor targets;
    private final int numClasses;
    private final List<String> classNames;
    /** {@code [C, H, W]} when each row is an image, else null. */
    private final int[] imageShape;

    /** Keeps the given tensors as they are: callers inside the package hand over ownership. */
    Dataset(String name, Tensor features, Tensor targets, int numClasses, List<String> classNames) {
        this(name, features, targets, numClasses, classNames, null);
    }

    /** As the five-argument form, with rows that are images of {@code imageShape} {@code [C, H, W]} (or null). */
    Dataset(String name, Tensor features, Tensor targets, int numClasses, List<String> classNames, int[] imageShape) {
        this.name = name;
        this.features = features;
        this.targets = targets;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
        this.imageShape = imageShape == null ? null : imageShape.clone();
        DatasetChecks.check(this);
        if (imageShape != null) {
            checkImageShape(imageShape);
        }
    }

    /** The same rows under another view or image shape; nothing is copied or checked again. */
    private Dataset(Dataset source, Tensor features, int[] imageShape) {
        this.name = source.name;
        this.features = features;
        this.targets = source.targets;
        this.numClasses = source.numClasses;
        this.classNames = source.classNames;
        this.imageShape = imageShape;
    }

    /**
     * A classification set: features {@code [N, ...features]}, targets {@code [N]} holding class
     * indices in {@code [0, numClasses)} as floats. {@code classNames} is empty (the classes are
     * then called "0" to "C-1") or has {@code numClasses} entries. Both tensors are copied.
     */
    public static Dataset classification(String name, Tensor features, Tensor targets, int numClasses,
            List<String> classNames) {
        Validate.argument(numClasses >= 1, "Dataset '" + name + "'", "numClasses >= 1", numClasses);
        return new Dataset(name, features.copy(), targets.copy(), numClasses, classNames);
    }

    /** A classification set whose classes are called "0" to "C-1"; see the five-argument form. */
    public static Dataset classification(String name, Tensor features, Tensor targets, int numClasses) {
        return classification(name, features, targets, numClasses, List.of());
    }

    /** A regression set: features {@code [N, ...features]}, targets {@code [N, T]}. Both are copied. */
    public static Dataset regression(String name, Tensor features, Tensor targets) {
        return new Dataset(name, features.copy(), targets.copy(), 0, List.of());
    }

    /** A short name for messages and reports, such as {@code "mnist-train"} or {@code "spiral"}. */
    public String name() {
        return name;
    }

    /** The inputs {@code [N, ...features]}; the stored tensor, to be treated as read-only. */
    public Tensor features() {
        return features;
    }

    /** The targets {@code [N]} (class indices) or {@code [N, T]} (values); read-only as above. */
    public Tensor targets() {
        return targets;
    }

    /** The number of rows N. */
    public int size() {
        return features.shape().dim(0);
    }

    /** The shape of one row of features, {@code [784]} for flattened MNIST. */
    public int[] featureShape() {
        int[] dims = features.shape().dims();
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    /**
     * The shape {@code [C, H, W]} of one row as an image (MNIST: {@code [1, 28, 28]}; the bundled
     * digits: {@code [1, 8, 8]}), or null when the rows are not images. It holds whatever view
     * {@link #features()} currently has: {@code [N, 784]} or {@code [N, 1, 28, 28]}.
     */
    public int[] imageShape() {
        return imageShape == null ? null : imageShape.clone();
    }

    /**
     * This set with its rows declared to be images of {@code [channels, height, width]}; the
     * features are shared, not copied.
     *
     * @throws IllegalArgumentException if a row does not hold {@code channels·height·width} values
     */
    public Dataset withImageShape(int channels, int height, int width) {
        int[] shape = {channels, height, width};
        checkImageShape(shape);
        return new Dataset(this, features, shape);
    }

    private void checkImageShape(int[] shape) {
        long values = 1;
        for (int d : shape) {
            Validate.argument(d > 0, "Dataset '" + name + "'", "an image shape [C, H, W] of positive sizes", shape);
            values *= d;
        }
        long rowLength = 1;
        for (int d : featureShape()) {
            rowLength *= d;
        }
        Validate.argument(shape.length == 3 && values == rowLength, "Dataset '" + name + "'",
                "an image shape [C, H, W] with " + rowLength + " values", shape);
    }

    /**
     * This set with every row viewed as {@code sampleShape} (the same values, nothing copied), so
     * that one file feeds both a multilayer perceptron ({@code [784]}: features {@code [N, 784]})
     * and a convolutional network ({@code [1, 28, 28]}: features {@code [N, 1, 28, 28]}). A -1 in
     * {@code sampleShape} takes the size of the same axis of {@link #imageShape()} (so the
     * {@code [1, -1, -1]} of {@code Conv2d(1, ...).sampleInputShape()} works), or, when it is the
     * only axis, the whole row. Returns this set when the view is already the one asked for.
     *
     * @throws IllegalArgumentException if the rows do not hold that many values, or a -1 cannot be
     *     resolved; the message names both shapes
     */
    public Dataset viewAs(int... sampleShape) {
        int[] row = featureShape();
        long rowLength = 1;
        for (int d : row) {
            rowLength *= d;
        }
        int[] resolved = sampleShape.clone();
        long values = 1;
        for (int axis = 0; axis < resolved.length; axis++) {
            if (resolved[axis] == -1 && imageShape != null && resolved.length == 3) {
                resolved[axis] = imageShape[axis];
            } else if (resolved[axis] == -1 && resolved.length == 1) {
                resolved[axis] = (int) rowLength;
            }
            values *= resolved[axis];
        }
        boolean fits = values == rowLength;
        for (int d : resolved) {
            fits &= d > 0;
        }
        if (!fits) {
            throw new IllegalArgumentException(Validate.message("Dataset '" + name + "'",
                    "rows that fit the model's input " + Arrays.toString(sampleShape).replace("-1", "*"),
                    "rows of shape " + Arrays.toString(row)
                            + (imageShape == null ? "" : " (images " + Arrays.toString(imageShape) + ")")));
        }
        if (Arrays.equals(resolved, row)) {
            return this;
        }
        int[] dims = new int[resolved.length + 1];
        dims[0] = size();
        System.arraycopy(resolved, 0, dims, 1, resolved.length);
        return new Dataset(this, Tensor.wrap(features.data(), dims), imageShape);
    }

    /** The number of classes, or 0 for a regression set. */
    public int numClasses() {
        return numClasses;
    }

    /** Whether the targets are class indices. */
    public boolean isClassification() {
        return numClasses > 0;
    }

    /** The class names, index i naming class i: the given ones, else "0" to "C-1"; empty for regression. */
    public List<String> classNames() {
        if (!classNames.isEmpty() || numClasses == 0) {
            return classNames;
        }
        List<String> numbered = new ArrayList<>(numClasses);
        for (int c = 0; c < numClasses; c++) {
            numbered.add(Integer.toString(c));
        }
        return Collections.unmodifiableList(numbered);
    }

    /** How many rows belong to each class, index i for class i. */
    public int[] classCounts() {
        Validate.state(isClassification(), "classCounts", "a classification set", "regression set '" + name + "'");
        int[] counts = new int[numClasses];
        for (float label : targets.data()) {
            counts[(int) label]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order (repeats allowed), as a new dataset with the same name. */
    public Dataset subset(int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            Validate.argument(index >= 0 && index < size(), "Dataset.subset",
                    "indices in [0, " + size() + ")", index + " at position " + i);
        }
        return new Dataset(name, Rows.gather(features, indices, 0, indices.length),
                Rows.gather(targets, indices, 0, indices.length), numClasses, classNames, imageShape);
    }

    /**
     * Splits the rows at random into two sets: the first with {@code round(firstFraction * N)} rows,
     * the second with the rest. The same seed gives the same split.
     */
    public Dataset[] split(double firstFraction, long seed) {
        checkFraction("Dataset.split", firstFraction);
        int[] order = Shuffle.permutation(size(), new Random(seed));
        int first = (int) Math.round(firstFraction * size());
        return new Dataset[] {subset(Arrays.copyOfRange(order, 0, first)),
            subset(Arrays.copyOfRange(order, first, order.length))};
    }

    /**
     * Splits as {@link #split} does, but class by class, so both parts keep the class proportions:
     * each class contributes {@code round(firstFraction * count)} rows to the first part. Both parts
     * are shuffled so the classes are interleaved.
     *
     * @throws IllegalStateException for a regression set
     */
    public Dataset[] splitStratified(double firstFraction, long seed) {
        checkFraction("Dataset.splitStratified", firstFraction);
        Validate.state(isClassification(), "Dataset.splitStratified", "a classification set",
                "regression set '" + name + "' with targets " + targets.shape());
        Random random = new Random(seed);
        int[] counts = classCounts();
        int[][] byClass = new int[numClasses][];
        int[] filled = new int[numClasses];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        float[] labels = targets.data();
        for (int row = 0; row < labels.length; row++) {
            int c = (int) labels[row];
            byClass[c][filled[c]++] = row;
        }
        int[] first = new int[size()];
        int[] second = new int[size()];
        int firstSize = 0;
        int secondSize = 0;
        for (int[] rows : byClass) {
            Shuffle.shuffle(rows, random);
            int take = (int) Math.round(firstFraction * rows.length);
            System.arraycopy(rows, 0, first, firstSize, take);
            System.arraycopy(rows, take, second, secondSize, rows.length - take);
            firstSize += take;
            secondSize += rows.length - take;
        }
        first = Arrays.copyOf(first, firstSize);
        second = Arrays.copyOf(second, secondSize);
        Shuffle.shuffle(first, random);
        Shuffle.shuffle(second, random);
        return new Dataset[] {subset(first), subset(second)};
    }

    private static void checkFraction(String op, double fraction) {
        Validate.argument(fraction >= 0 && fraction <= 1, op, "firstFraction in [0, 1]", fraction);
    }

    /** For example {@code Dataset(spiral: 300 rows, features [2], 3 classes)} or
     * {@code Dataset(sine: 200 rows, features [1], 1 regression targets)}. */
    @Override
    public String toString() {
        String kind = isClassification() ? numClasses + " classes"
                : targets.shape().dim(1) + " regression targets";
        return "Dataset(" + name + ": " + size() + " rows, features " + Arrays.toString(featureShape())
                + ", " + kind + ")";
    }
}
