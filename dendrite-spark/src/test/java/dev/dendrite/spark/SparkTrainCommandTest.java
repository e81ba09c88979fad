package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.Main;
import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.Dataset;
import dev.dendrite.io.ModelFile;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void noSharedContext() {
        SparkTesting.stop();   // the command starts and stops its own
    }

    private int run(String... args) {
        return SparkTrainCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void trainsDigitsAndWritesTheModelAndReportOfTrain(@TempDir Path folder) throws Exception {
        Path model = folder.resolve("digits.safetensors");
        int code = run("train", "--master", "local[2]", "--data", "digits", "--epochs", "3", "--batch", "64",
                "--lr", "0.01", "--out", model.toString());
        assertEquals(0, code, err.toString());
        TrainedModel trained = TrainedModel.load(model);
        assertEquals("cross_entropy", trained.lossName());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), trained.classNames());
        assertEquals("Normalization(64)", trained.model().layers().get(0).toString(), "standardised like train's digits");
        Map<String, String> metadata = ModelFile.load(model).metadata();
        assertEquals("[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]",
                metadata.get("dendrite.classes"), "class names as train writes them");
        assertFalse(metadata.containsKey("dendrite.normalizer"), "the scaling is the first layer, not metadata");
        Path report = folder.resolve("digits-report");   // train's default: named after --out
        assertEquals(4, Files.readAllLines(report.resolve("history.csv")).size());
        for (String picture : List.of("history.png", "confusion.png")) {
            BufferedImage image = ImageIO.read(report.resolve(picture).toFile());
            assertTrue(image != null && image.getWidth() >= 900, picture);
        }
        String text = out.toString();
        double accuracy = Double.parseDouble(text.replaceAll("(?s).*final validation accuracy: ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, text);
        assertTrue(text.contains("report in " + report + "/ (history.csv, history.png, confusion.png)"), text);
    }

    @Test
    void resumesItsCheckpointsBitForBitAndTrainResumesThemToo(@TempDir Path folder) throws Exception {
        String[] common = {"--master", "local[2]", "--data", "digits", "--batch", "64", "--lr", "0.01"};
        Path straight = folder.resolve("straight.safetensors");
        assertEquals(0, run(concat(common, "--epochs", "3", "--out", straight.toString())), err.toString());
        Path checkpoints = folder.resolve("ck");
        assertEquals(0, run(concat(common, "--epochs", "2", "--checkpoint", checkpoints.toString(),
                "--checkpoint-every", "10", "--out", folder.resolve("first.safetensors").toString())), err.toString());
        // --resume alone: the saved options (data, batch, lr, mode, partitions...) come from the checkpoint.
        Path resumed = folder.resolve("resumed.safetensors");
        assertEquals(0, run("--master", "local[2]", "--resume", checkpoints.toString(), "--epochs", "3",
                "--out", resumed.toString()), err.toString());
        assertEquals(parameters(straight), parameters(resumed));
        assertEquals(4, Files.readAllLines(folder.resolve("resumed-report/history.csv")).size());
        // A changed option beside --resume is refused in one line naming it.
        assertEquals(2, run("--master", "local[2]", "--resume", checkpoints.toString(), "--batch", "32",
                "--out", folder.resolve("other.safetensors").toString()));
        assertTrue(err.toString().contains("--batch: expected '64' as saved in " + checkpoints), err.toString());
        // train reads the sync-mode folder and continues the same run on one machine.
        StringWriter trainOut = new StringWriter();
        StringWriter trainErr = new StringWriter();
        Path single = folder.resolve("single.safetensors");
        int code = Main.run(new String[] {"train", "--resume", checkpoints.toString(), "--epochs", "4", "--quiet",
                "--out", single.toString()}, new PrintWriter(trainOut, true), new PrintWriter(trainErr, true));
        assertEquals(0, code, trainErr.toString());
        List<String> history = Files.readAllLines(folder.resolve("single-report/history.csv"));
        assertEquals(5, history.size(), "3 epochs on Spark, 1 by train: " + history);
        assertTrue(TrainedModel.load(single).model().layers().get(0).toString().startsWith("Normalization"));
    }

    @Test
    void trainRefusesAParameterAveragingCheckpointInOneLine(@TempDir Path folder) {
        Path checkpoints = folder.resolve("ck");
        assertEquals(0, run("--master", "local[2]", "--data", "iris", "--epochs", "1", "--mode", "average",
                "--checkpoint", checkpoints.toString(), "--out", folder.resolve("a.safetensors").toString()),
                err.toString());
        StringWriter trainErr = new StringWriter();
        int code = Main.run(new String[] {"train", "--resume", checkpoints.toString(), "--out",
                folder.resolve("b.safetensors").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(trainErr, true));
        assertEquals(2, code);
        assertTrue(trainErr.toString().startsWith("dendrite train: --resume: expected a checkpoint of train or of "
                + "spark-train --mode sync, got one of spark-train --mode average in " + checkpoints), trainErr.toString());
        assertFalse(Files.exists(folder.resolve("b.safetensors")));
    }

    @Test
    void aPartitionThatFailsEveryAttemptStopsAtSparksRetryLimitInOneLineWritingNothing(@TempDir Path folder)
            throws Exception {
        // Rows 20-39, partition 1 of 2, overflow the loss, so each of its tasks fails; local[2,3] allows 3 attempts.
        Dataset clean = SparkTesting.head(SparkTesting.digits(), 40);
        StringBuilder csv = new StringBuilder();
        for (int column = 0; column < 64; column++) {
            csv.append('f').append(column).append(',');
        }
        csv.append("label\n");
        float[] features = clean.features().toArray();
        for (int row = 0; row < 40; row++) {
            for (int column = 0; column < 64; column++) {
                csv.append(row < 20 ? features[row * 64 + column] : Float.MAX_VALUE).append(',');
            }
            csv.append((int) clean.targets().data()[row]).append('\n');
        }
        Path data = folder.resolve("poisoned.csv");
        Files.writeString(data, csv);
        Path model = folder.resolve("m.safetensors");
        Path checkpoints = folder.resolve("ck");
        int code = run("--master", "local[2,3]", "--data", "csv:" + data, "--normalize", "none",
                "--validation-split", "0", "--partitions", "2", "--batch", "40", "--checkpoint", checkpoints.toString(),
                "--out", model.toString());
        assertEquals(1, code);
        assertTrue(err.toString().matches("spark-train: round 1 failed: Spark gave up on partition 1 after 3 attempts "
                + "\\(spark.task.maxFailures\\): training diverged: loss is (NaN|Infinity); try a lower learning rate"
                + "\\R"), err.toString());
        assertFalse(Files.exists(model), "--out");
        assertFalse(Files.exists(folder.resolve("m-report")), "--report");
        assertFalse(Files.exists(checkpoints) && checkpoints.toFile().list().length > 0, "no checkpoint of a failed round");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static List<String> parameters(Path model) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        TrainedModel.load(model).model().namedParameters().forEach((name, tensor) ->
                values.add(name + " " + java.util.Arrays.toString(tensor.data())));
        return values;
    }

    @Test
    void aMasterThatDoesNotAnswerIsOneLineAfterTheWait(@TempDir Path folder) {
        Path model = folder.resolve("m.safetensors");
        long start = System.nanoTime();
        int code = run("--master", "spark://127.0.0.1:1", "--wait", "2", "--out", model.toString());
        assertEquals(1, code);
        assertTrue((System.nanoTime() - start) / 1e9 < 30);
        assertEquals("spark-train: master spark://127.0.0.1:1 did not answer within 2 s (Connection refused)",
                err.toString().strip());
        assertFalse(Files.exists(model));
    }

    @Test
    void aFeaturesColumnOfTheWrongTypeNamesTheColumnAndTheType(@TempDir Path folder) {
        String parquet = folder.resolve("bad.parquet").toString();
        StructType schema = new StructType().add("features", DataTypes.StringType).add("label", DataTypes.IntegerType);
        SparkTesting.local(1);
        SparkTesting.session().createDataFrame(List.<Row>of(RowFactory.create("1,2", 0)), schema)
                .write().parquet(parquet);
        SparkTesting.stop();
        Path model = folder.resolve("m.safetensors");
        int code = run("--master", "local[1]", "--data", "parquet:" + parquet, "--model", "mlp:2-4-2:relu",
                "--out", model.toString());
        assertEquals(1, code);
        assertEquals("spark-train: column 'features': expected array<float>, array<double> or vector, got string",
                err.toString().strip());
        assertFalse(Files.exists(model));
    }

    @Test
    void rowsOfTheWrongWidthNameTheColumnAndTheWidth(@TempDir Path folder) {
        String parquet = folder.resolve("narrow.parquet").toString();
        SparkTesting.local(1);
        SparkData.toFrame(SparkTesting.session(), SparkTesting.head(SparkTesting.digits(), 20)).write().parquet(parquet);
        SparkTesting.stop();
        int code = run("--master", "local[1]", "--data", "parquet:" + parquet, "--model", "mlp:65-4-10:relu",
                "--out", folder.resolve("m.safetensors").toString());
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("spark-train: column 'features': expected array<float>, array<double> "
                + "or vector of 65 values (the model's input), got 64 at row 0 of partition 0"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }
}
