package dev.dendrite.spark;

import dev.dendrite.cli.DataSpec;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Normalizer;
import dev.dendrite.io.Architecture;
import dev.dendrite.loss.Losses;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The data, network and loss of one {@code spark-train} run. A {@code train} data SPEC is loaded on
 * the driver and split exactly as {@code train} does it (same seed, same rows), and the scaling
 * {@code train} would fit on the training rows becomes the network's first layer (a
 * {@link Normalization}), so the rows go to the cluster raw, as broadcasts; {@code parquet:PATH}
 * and {@code spark-csv:PATH[:LABEL]} are read by the executors, unsplit and unscaled. Immutable.
 *
 * @param name       the data's name for the log and the report
 * @param training   the training rows on the cluster
 * @param validation the held-out rows (driver-loaded data only), or null
 * @param driverRows the training rows on the driver (driver-loaded data only), or null
 * @param network    the network to train
 * @param lossName   the loss
 */
record SparkTrainSource(String name, TrainingData training, Dataset validation, Dataset driverRows,
                        Sequential network, String lossName) {

    static SparkTrainSource load(SparkTrainCommand options, JavaSparkContext context) throws IOException {
        int partitions = options.partitions != null ? options.partitions : context.defaultParallelism();
        String spec = options.data;
        if (spec.startsWith("parquet:") || spec.startsWith("spark-csv:")) {
            return fromFiles(options, context, partitions);
        }
        boolean regression = options.loss != null && Losses.isRegression(options.loss);
        Dataset all = DataSpec.load(spec, options.seed, List.of(), regression).training();
        if (all.isClassification() && all.numClasses() < 2) {
            throw new IllegalArgumentException("data: expected at least 2 classes to tell apart, got "
                    + all.numClasses() + " " + all.classNames() + " in " + all.name());
        }
        Dataset[] parts = options.validationSplit > 0 ? all.split(1 - options.validationSplit, options.seed)
                : new Dataset[] {all, null};
        String kind = normalizerKind(options.normalize, spec);
        Normalizer normalizer = kind == null ? null : Normalizer.fit(kind, parts[0]);
        int inputs = all.features().size() / Math.max(1, all.size());
        int outputs = all.numClasses() > 0 ? all.numClasses() : all.targets().shape().dim(1);
        Sequential network = withScaling(normalizer, network(options, inputs, outputs));
        String loss = options.loss != null ? options.loss : all.numClasses() > 0 ? "cross_entropy" : "mse";
        return new SparkTrainSource(all.name(), SparkData.fromDataset(context, parts[0], partitions), parts[1],
                parts[0], network, loss);
    }

    /** {@code network} behind a {@link Normalization} layer of {@code normalizer}'s scaling, as train builds it. */
    private static Sequential withScaling(Normalizer normalizer, Sequential network) {
        if (normalizer == null) {
            return network;
        }
        Sequential scaled = new Sequential(Normalization.of(normalizer.offset(), normalizer.scale()));
        network.layers().forEach(scaled::add);
        return scaled;
    }

    private static SparkTrainSource fromFiles(SparkTrainCommand options, JavaSparkContext context, int partitions)
            throws IOException {
        if (options.model == null) {
            throw new IllegalArgumentException("--model: expected a model SPEC or FILE with parquet/spark-csv data "
                    + "(its input width is the features' width), got none");
        }
        Sequential network = network(options, -1, -1);
        int[] shape = network.sampleInputShape();
        int width = shape == null ? -1 : java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (width <= 0) {
            throw new IllegalArgumentException("--model: expected a model with a fixed input width, got " + network);
        }
        String loss = options.loss != null ? options.loss : "cross_entropy";
        int classes = options.classes > 0 ? options.classes
                : Losses.isRegression(loss) ? 0 : Math.max(2, network.outputShape(Shape.of(1, width)).size());
        SparkSession spark = SparkSession.builder().sparkContext(context.sc()).getOrCreate();
        String spec = options.data;
        org.apache.spark.sql.Dataset<Row> frame;
        String label = SparkData.LABEL;
        if (spec.startsWith("parquet:")) {
            frame = SparkData.readParquet(spark, spec.substring("parquet:".length()));
        } else {
            String argument = spec.substring("spark-csv:".length());
            int colon = argument.lastIndexOf(':');
            boolean labelled = colon > 0 && !argument.substring(colon + 1).contains("/");
            label = labelled ? argument.substring(colon + 1) : SparkData.LABEL;
            frame = SparkData.readCsv(spark, labelled ? argument.substring(0, colon) : argument, label);
        }
        TrainingData data = SparkData.fromFrame(frame, SparkData.FEATURES, label, width, classes, partitions);
        return new SparkTrainSource(spec, data, null, null, network, loss);
    }

    private static Sequential network(SparkTrainCommand options, int inputs, int outputs) throws IOException {
        String model = options.model;
        if (model == null) {
            return MlpSpec.parse("mlp:" + inputs + "-64-" + outputs + ":relu").build(new Random(options.seed));
        }
        if (model.startsWith("mlp:")) {
            return MlpSpec.parse(model).build(new Random(options.seed));
        }
        return Architecture.build(Files.readString(Path.of(model)), new Random(options.seed));
    }

    private static String normalizerKind(String normalize, String data) {
        switch (normalize) {
            case "standard": case "minmax": return normalize;
            case "none": return null;
            case "auto":
                boolean table = data.startsWith("csv:") || data.equals("digits") || data.equals("iris");
                return table ? "standard" : null;
            default:
                throw new IllegalArgumentException("--normalize: expected standard, minmax, none or auto, got '"
                        + normalize + "'");
        }
    }
}
