package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.TrainedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void trainsDigitsAndWritesAModelThatEvaluateReads(@TempDir Path folder) throws Exception {
        Path model = folder.resolve("digits.safetensors");
        int code = run("train", "--master", "local[2]", "--data", "digits", "--epochs", "3", "--batch", "64",
                "--lr", "0.01", "--out", model.toString(), "--report", folder.resolve("report").toString());
        assertEquals(0, code, err.toString());
        TrainedModel trained = TrainedModel.load(model);
        assertEquals("cross_entropy", trained.lossName());
        assertEquals(10, trained.classNames().size());
        assertEquals("Normalization(64)", trained.model().layers().get(0).toString(), "standardised like train's digits");
        assertEquals(4, Files.readAllLines(folder.resolve("report/history.csv")).size());
        String text = out.toString();
        double accuracy = Double.parseDouble(text.replaceAll("(?s).*final validation accuracy: ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.85, text);
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
