package dev.dendrite.spark;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Idx;
import dev.dendrite.data.IdxData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Data for {@link SparkTrainer}: a core {@link Dataset} spread over partitions, a DataFrame with a
 * features column ({@code array<float>}, {@code array<double>} or an ML {@code Vector}) and a label
 * column, CSV and Parquet files read through Spark into those columns, and IDX (MNIST) files as a
 * DataFrame. Stateless.
 *
 * <pre>{@code
 * org.apache.spark.sql.Dataset<Row> frame = SparkData.readCsv(spark, "digits.csv", "label");
 * TrainingData data = SparkData.fromFrame(frame, "features", "label", 64, 10, 2);
 * }</pre>
 */
public final class SparkData {
    /** The features column that the readers here produce. */
    public static final String FEATURES = "features";
    /** The label column that the IDX reader produces. */
    public static final String LABEL = "label";

    private SparkData() {
    }

    /**
     * {@code data} in {@code partitions} contiguous ranges of rows, in order, each sent to the
     * executors as its own broadcast (fetched once per executor, fetched again from the driver if
     * an executor is lost). A range may be empty.
     */
    public static TrainingData fromDataset(JavaSparkContext context, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkData.fromDataset: expected at least 1 partition, got " + partitions);
        }
        int n = data.size();
        int width = data.features().size() / Math.max(1, n);
        float[] features = data.features().data();
        float[] targets = data.targets().data();
        long[] offsets = new long[partitions + 1];
        List<Broadcast<Shard>> pieces = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            offsets[p + 1] = to;
            pieces.add(context.broadcast(new Shard(Arrays.copyOfRange(features, from * width, to * width),
                    Arrays.copyOfRange(targets, from, to), width)));
        }
        JavaRDD<Shard> shards = context.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .map(p -> pieces.get(p).value());
        int[] shape = data.featureShape();
        return new TrainingData(shards, offsets, shape, data.classNames(),
                () -> pieces.forEach(b -> b.destroy()));
    }

    /**
     * The rows of {@code frame}, coalesced (no shuffle, so the row order stays fixed) to at most
     * {@code partitions} partitions and cached on the executors (memory, then disk). Checks the
     * columns' types up front and each row's width and label while caching.
     *
     * @param width      the features per row the model takes
     * @param numClasses the number of classes (labels must be 0..numClasses-1), or 0 for numeric targets
     * @throws IllegalArgumentException naming the column and the expected type, width or range
     */
    public static TrainingData fromFrame(org.apache.spark.sql.Dataset<Row> frame, String featuresColumn,
                                         String labelColumn, int width, int numClasses, int partitions) {
        FrameColumns.check(frame.schema(), featuresColumn, labelColumn);
        org.apache.spark.sql.Dataset<Row> selected = frame.select(featuresColumn, labelColumn);
        if (selected.rdd().getNumPartitions() > partitions) {
            selected = selected.coalesce(partitions);
        }
        JavaRDD<Shard> shards = selected.javaRDD().mapPartitionsWithIndex((partition, rows) ->
                List.of(FrameColumns.shard(rows, partition, featuresColumn, labelColumn, width, numClasses))
                        .iterator(), true);
        shards.persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> sizes;
        try {
            sizes = shards.map(Shard::rows).collect();
        } catch (Exception e) {   // Spark's SparkException is checked, though no signature says so
            shards.unpersist(false);
            throw new IllegalArgumentException(SparkErrors.oneLine(e), e);
        }
        long[] offsets = new long[sizes.size() + 1];
        for (int p = 0; p < sizes.size(); p++) {
            offsets[p + 1] = offsets[p] + sizes.get(p);
        }
        List<String> classes = IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
        return new TrainingData(shards, offsets, new int[] {width}, classes, () -> shards.unpersist(false));
    }

    /**
     * A CSV file with a header row read through Spark: every column but {@code labelColumn} becomes
     * one {@code array<float>} column {@value #FEATURES}; the label keeps its name.
     */
    public static org.apache.spark.sql.Dataset<Row> readCsv(SparkSession spark, String path, String labelColumn) {
        org.apache.spark.sql.Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(path);
        if (!Arrays.asList(raw.columns()).contains(labelColumn)) {
            throw new IllegalArgumentException(path + ": expected a label column '" + labelColumn + "', got columns "
                    + Arrays.toString(raw.columns()));
        }
        List<Column> features = new ArrayList<>();
        for (String name : raw.columns()) {
            if (!name.equals(labelColumn)) {
                FrameColumns.checkNumber(raw.schema().apply(name), "CSV");
                features.add(functions.col("`" + name + "`").cast(DataTypes.FloatType));
            }
        }
        return raw.select(functions.array(features.toArray(new Column[0])).as(FEATURES), functions.col(labelColumn));
    }

    /** A Parquet file or folder read through Spark; its columns are used as they are. */
    public static org.apache.spark.sql.Dataset<Row> readParquet(SparkSession spark, String path) {
        return spark.read().parquet(path);
    }

    /**
     * An IDX image file and its label file (MNIST's layout, gzipped or not) as a DataFrame of
     * {@value #FEATURES} ({@code array<float>}, pixels scaled to [0, 1], row-major) and
     * {@value #LABEL} ({@code int}), in file order.
     */
    public static org.apache.spark.sql.Dataset<Row> fromIdx(SparkSession spark, Path images, Path labels)
            throws IOException {
        IdxData pixels = Idx.readImages(images);
        IdxData classes = Idx.readLabels(labels);
        if (pixels.count() != classes.count()) {
            throw new IllegalArgumentException(images + ": expected as many images as " + labels + " has labels ("
                    + classes.count() + "), got " + pixels.count());
        }
        int size = pixels.itemSize();
        List<Row> rows = new ArrayList<>(pixels.count());
        for (int i = 0; i < pixels.count(); i++) {
            float[] row = new float[size];
            for (int j = 0; j < size; j++) {
                row[j] = pixels.unsigned(i * size + j) / 255f;
            }
            rows.add(RowFactory.create(row, classes.unsigned(i)));
        }
        return spark.createDataFrame(rows, schema());
    }

    /** A core dataset as a DataFrame of {@value #FEATURES} ({@code array<float>}, flattened) and {@value #LABEL}. */
    public static org.apache.spark.sql.Dataset<Row> toFrame(SparkSession spark, Dataset data) {
        int n = data.size();
        int width = data.features().size() / Math.max(1, n);
        float[] features = data.features().data();
        float[] targets = data.targets().data();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(Arrays.copyOfRange(features, i * width, (i + 1) * width), (int) targets[i]));
        }
        return spark.createDataFrame(rows, schema());
    }

    private static StructType schema() {
        return new StructType(new StructField[] {
            DataTypes.createStructField(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false),
            DataTypes.createStructField(LABEL, DataTypes.IntegerType, false)});
    }
}
