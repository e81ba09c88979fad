package dev.dendrite.spark;

import dev.dendrite.tensor.Tensor;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One Spark partition's rows as two flat arrays: {@code rows x width} features (row-major) and
 * one target per row (a class index, or a number for regression). Rows keep the order of the
 * partition; the partition's first row has global index {@code offsets[partition]} (see
 * {@link TrainingPlan}). Immutable after construction; the arrays are not copied.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;
    private final float[] features;
    private final float[] targets;
    private final int width;

    Shard(float[] features, float[] targets, int width) {
        if (width < 1 || features.length != (long) targets.length * width) {
            throw new IllegalArgumentException("Shard: expected " + targets.length + " rows of " + width
                    + " features, got " + features.length + " values");
        }
        this.features = features;
        this.targets = targets;
        this.width = width;
    }

    /** An empty shard: a partition with no rows. */
    static Shard empty(int width) {
        return new Shard(new float[0], new float[0], width);
    }

    int rows() {
        return targets.length;
    }

    int width() {
        return width;
    }

    /** The feature rows at {@code rows} (local indices), as {@code [n, sampleShape...]}. */
    Tensor features(int[] rows, int[] sampleShape) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, out, i * width, width);
        }
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = rows.length;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return Tensor.wrap(out, dims);
    }

    /** The targets of {@code rows} (local indices), as {@code [n]}. */
    Tensor targets(int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = targets[rows[i]];
        }
        return Tensor.wrap(out, rows.length);
    }

    /** The rows {@code 0..n-1} in a new array, for whole-shard evaluation. */
    int[] allRows() {
        int[] all = new int[rows()];
        Arrays.setAll(all, i -> i);
        return all;
    }
}
