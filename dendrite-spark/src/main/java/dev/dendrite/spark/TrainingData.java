package dev.dendrite.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Training rows spread over Spark partitions, ready for {@link SparkTrainer}: one {@code Shard}
 * (two flat float arrays) per partition, the global index where each partition starts, the shape
 * of one row and the classes. Made by {@link SparkData}. Immutable; {@link #release()} frees the
 * cached partitions or broadcasts on the cluster.
 */
public final class TrainingData {
    final JavaRDD<Shard> shards;
    final long[] offsets;
    final int[] sampleShape;
    final List<String> classNames;
    private final Runnable release;

    TrainingData(JavaRDD<Shard> shards, long[] offsets, int[] sampleShape, List<String> classNames, Runnable release) {
        this.shards = shards;
        this.offsets = offsets.clone();
        this.sampleShape = sampleShape.clone();
        this.classNames = List.copyOf(classNames);
        this.release = release;
    }

    /** The number of rows. */
    public long rows() {
        return offsets[offsets.length - 1];
    }

    /** The number of partitions (one task each per round). */
    public int partitions() {
        return offsets.length - 1;
    }

    /** Rows in each partition, in partition order. */
    public long[] rowsPerPartition() {
        long[] rows = new long[partitions()];
        Arrays.setAll(rows, p -> offsets[p + 1] - offsets[p]);
        return rows;
    }

    /** Class names in index order, empty for numeric targets. */
    public List<String> classNames() {
        return classNames;
    }

    /** The shape of one input row, such as {@code [784]}. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Frees the cluster copies (cached partitions, broadcasts); the object is unusable afterwards. */
    public void release() {
        release.run();
    }
}
