package dev.dendrite.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks and conversions between a DataFrame's features and label columns and a
 * {@link Shard}: the schema is checked on the driver, each row's width and label in the task that
 * reads it. Every message names the column and the expected type. Stateless.
 */
final class FrameColumns {
    static final String FEATURE_TYPES = "array<float>, array<double> or vector";
    private static final String VECTOR_UDT = "org.apache.spark.ml.linalg.VectorUDT";
    private static final List<DataType> NUMBERS = List.of(DataTypes.ByteType, DataTypes.ShortType,
            DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType, DataTypes.DoubleType);

    private FrameColumns() {
    }

    static void check(StructType schema, String features, String label) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String name : List.of(features, label)) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("column '" + name + "': expected it in the data, got columns " + names);
            }
        }
        DataType type = schema.apply(features).dataType();
        boolean array = type instanceof ArrayType a && (a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType));
        if (!array && !type.getClass().getName().equals(VECTOR_UDT)) {
            throw new IllegalArgumentException("column '" + features + "': expected " + FEATURE_TYPES + ", got "
                    + type.simpleString());
        }
        checkNumber(schema.apply(label), "label");
    }

    static void checkNumber(StructField field, String what) {
        if (!NUMBERS.contains(field.dataType())) {
            throw new IllegalArgumentException("column '" + field.name() + "': expected a number (" + what + "), got "
                    + field.dataType().simpleString());
        }
    }

    /** The rows of one partition as a shard; a row of another width or an out-of-range class fails, naming both. */
    static Shard shard(Iterator<Row> rows, int partition, String features, String label, int width, int numClasses) {
        FloatList values = new FloatList();
        FloatList targets = new FloatList();
        int index = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            Object cell = row.get(0);
            if (cell == null || row.isNullAt(1)) {
                throw new IllegalArgumentException("row " + index + " of partition " + partition + ": expected values in '"
                        + features + "' and '" + label + "', got null");
            }
            int got = append(values, cell);
            if (got != width) {
                throw new IllegalArgumentException("column '" + features + "': expected " + FEATURE_TYPES + " of "
                        + width + " values (the model's input), got " + got + " at row " + index + " of partition "
                        + partition);
            }
            double target = ((Number) row.get(1)).doubleValue();
            if (numClasses > 0 && (target != Math.rint(target) || target < 0 || target >= numClasses)) {
                throw new IllegalArgumentException("column '" + label + "': expected a class index in [0, "
                        + numClasses + "), got " + target + " at row " + index + " of partition " + partition);
            }
            targets.add((float) target);
            index++;
        }
        return new Shard(values.toArray(), targets.toArray(), width);
    }

    private static int append(FloatList values, Object cell) {
        if (cell instanceof org.apache.spark.ml.linalg.Vector vector) {
            double[] array = vector.toArray();
            for (double v : array) {
                values.add((float) v);
            }
            return array.length;
        }
        scala.collection.Seq<?> seq = (scala.collection.Seq<?>) cell;
        int n = seq.length();
        for (int i = 0; i < n; i++) {
            values.add(((Number) seq.apply(i)).floatValue());
        }
        return n;
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
