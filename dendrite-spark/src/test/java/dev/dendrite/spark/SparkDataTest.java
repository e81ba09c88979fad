package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.data.Idx;
import dev.dendrite.data.IdxData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkDataTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        SparkTesting.local(1);
        spark = SparkTesting.session();
    }

    @AfterAll
    static void stop() {
        SparkTesting.stop();
    }

    private static float[][] shardRows(TrainingData data) {
        List<Shard> shards = data.shards.collect();
        int rows = shards.stream().mapToInt(Shard::rows).sum();
        float[][] out = new float[rows][];
        int at = 0;
        for (Shard shard : shards) {
            float[] features = shard.features(shard.allRows(), new int[] {shard.width()}).data();
            float[] targets = shard.targets(shard.allRows()).data();
            for (int r = 0; r < shard.rows(); r++) {
                float[] row = new float[shard.width() + 1];
                System.arraycopy(features, r * shard.width(), row, 0, shard.width());
                row[shard.width()] = targets[r];
                out[at++] = row;
            }
        }
        return out;
    }

    @Test
    void idxFilesBecomeAFrameOfScaledPixelsAndLabels(@TempDir Path folder) throws Exception {
        Path images = folder.resolve("images-idx3-ubyte.gz");
        Path labels = folder.resolve("labels-idx1-ubyte");
        Idx.write(images, new IdxData(new byte[] {0, (byte) 255, 51, 102, 0, 0, 0, 0}, new int[] {2, 2, 2}));
        Idx.write(labels, new IdxData(new byte[] {7, 3}, new int[] {2}));
        TrainingData data = SparkData.fromFrame(SparkData.fromIdx(spark, images, labels), SparkData.FEATURES,
                SparkData.LABEL, 4, 10, 2);
        assertArrayEquals(new float[][] {{0, 1, 0.2f, 0.4f, 7}, {0, 0, 0, 0, 3}}, shardRows(data));
        data.release();
    }

    @Test
    void csvThroughSparkGivesAFeaturesArrayAndTheLabel(@TempDir Path folder) throws Exception {
        Path csv = folder.resolve("t.csv");
        Files.writeString(csv, "a,b,label\n1,2,0\n3.5,4,1\n");
        TrainingData data = SparkData.fromFrame(SparkData.readCsv(spark, csv.toString(), "label"), SparkData.FEATURES,
                "label", 2, 2, 1);
        assertArrayEquals(new float[][] {{1, 2, 0}, {3.5f, 4, 1}}, shardRows(data));
        data.release();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.readCsv(spark, csv.toString(), "class"));
        assertEquals(csv + ": expected a label column 'class', got columns [a, b, label]", e.getMessage());
    }

    @Test
    void mlVectorsAndDoubleArraysAreFeaturesToo() {
        StructType schema = new StructType().add("v", new VectorUDT()).add("y", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2), 1.0),
                RowFactory.create(Vectors.sparse(2, new int[] {1}, new double[] {5}), 0.0));
        TrainingData data = SparkData.fromFrame(spark.createDataFrame(rows, schema), "v", "y", 2, 2, 1);
        assertArrayEquals(new float[][] {{1, 2, 1}, {0, 5, 0}}, shardRows(data));
        data.release();
    }

    @Test
    void aLabelOutsideTheClassesNamesTheColumn() {
        StructType schema = new StructType().add("f", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("y", DataTypes.IntegerType);
        List<Row> rows = List.of(RowFactory.create(new double[] {1, 2}, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromFrame(spark.createDataFrame(rows, schema), "f", "y", 2, 3, 1));
        assertEquals("column 'y': expected a class index in [0, 3), got 4.0 at row 0 of partition 0", e.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SparkData.fromFrame(spark.createDataFrame(rows, schema), "y", "f", 2, 3, 1));
        assertEquals("column 'y': expected array<float>, array<double> or vector, got int", type.getMessage());
    }
}
