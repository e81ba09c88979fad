package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.Architecture;
import dev.dendrite.io.ModelFile;
import dev.dendrite.io.SavedModel;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dendrite train} end to end: every data source, model source and optimizer, and its outputs. */
class TrainCommandTest {
    @TempDir
    Path directory;

    /** The default run (digits, mlp:64-64-10:relu) with the README's epoch count. */
    @Test
    void defaultRunOnDigitsReachesNinetyFivePercentAndWritesTheReport() throws IOException {
        Path model = directory.resolve("model.safetensors");
        Path report = directory.resolve("report");
        CliRun run = CliRun.ok("train", "--epochs", "30", "--out", model.toString(), "--report", report.toString());

        assertTrue(run.out().contains("on digits"), run.out());
        double accuracy = run.number("final validation accuracy: ([0-9.]+)");
        assertTrue(accuracy >= 0.95, "validation accuracy " + accuracy);
        assertTrue(run.out().contains("after 30 epochs"), run.out());
        assertTrue(run.out().contains("saved " + model), run.out());

        SavedModel saved = ModelFile.load(model);
        assertEquals(64 * 64 + 64 + 64 * 10 + 10, saved.model().parameterCount());
        assertEquals("cross_entropy", saved.metadata().get("dendrite.loss"));
        assertEquals(10, ClassNames.read(saved.metadata().get("dendrite.classes")).size());
        assertEquals("Normalization(64)", saved.model().layers().get(0).toString(),
                "digits are standardised by default, by the model's first layer");
        assertNull(saved.metadata().get("dendrite.normalizer"), "the scaling lives in the model, not the metadata");

        List<String> history = Files.readAllLines(report.resolve("history.csv"));
        assertEquals(31, history.size(), "header and one line per epoch");
        assertTrue(history.get(0).startsWith("epoch,seconds,loss,accuracy,grad_norm.layers.1,grad_norm.layers.3,"
                + "dead_relu.layers.2,val_loss,val_accuracy"), history.get(0));
        assertTrue(history.get(30).startsWith("30,"), history.get(30));
        assertImage(report.resolve("history.png"), Report.WIDTH, Report.HEIGHT);
        assertImage(report.resolve("confusion.png"), Report.CONFUSION_SIZE, Report.CONFUSION_SIZE);
    }

    @Test
    void irisWithAnExplicitNetwork() throws IOException {
        Path model = CliRun.train(directory, "iris", "--data", "iris", "--model", "mlp:4-16-3:relu", "--epochs", "60",
                "--lr", "0.05");
        SavedModel saved = ModelFile.load(model);
        assertEquals(4 * 16 + 16 + 16 * 3 + 3, saved.model().parameterCount());
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                ClassNames.read(saved.metadata().get("dendrite.classes")));
        assertTrue(Double.parseDouble(saved.metadata().get("dendrite.final_accuracy")) >= 0.8,
                saved.metadata().toString());
    }

    @Test
    void spiralTrainsThreeClassesFromTwoFeatures() {
        CliRun run = CliRun.ok("train", "--quiet", "--data", "spiral", "--model", "mlp:2-32-3:relu", "--epochs", "20",
                "--lr", "0.01", "--out", directory.resolve("spiral.safetensors").toString(),
                "--report", directory.resolve("spiral").toString());
        assertTrue(run.out().contains("on spiral (192 training, 48 validation rows; 60 test rows held out for evaluate)"), run.out());
        double accuracy = run.number("final validation accuracy: ([0-9.]+)");
        assertTrue(accuracy > 0.4, "better than chance (1/3): " + accuracy);
    }

    /** One sigmoid output trained with binary cross-entropy, or two softmax outputs with cross-entropy. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void xorWithOneOrTwoOutputs(int outputs) throws IOException {
        CliRun run = CliRun.ok("train", "--quiet", "--data", "xor", "--model", "mlp:2-8-" + outputs + ":tanh",
                "--epochs", "30", "--lr", "0.05", "--out", directory.resolve("xor.safetensors").toString(),
                "--report", directory.resolve("xor").toString());
        assertTrue(run.number("final validation accuracy: ([0-9.]+)") >= 0.9, run.out());
        SavedModel saved = ModelFile.load(directory.resolve("xor.safetensors"));
        assertEquals(outputs == 1 ? "binary_cross_entropy" : "cross_entropy", saved.metadata().get("dendrite.loss"));
        assertTrue(Files.exists(directory.resolve("xor").resolve("confusion.png")));
    }

    @Test
    void aRegressionLossReadsACsvLabelColumnAsNumbers() throws IOException {
        Path csv = directory.resolve("prices.csv");
        StringBuilder rows = new StringBuilder("size,rooms,price\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(',').append(0.5 * (i % 7) + 0.25 * (i % 3)).append('\n');
        }
        Files.writeString(csv, rows.toString());
        Path model = directory.resolve("prices.safetensors");
        CliRun.ok("train", "--quiet", "--data", "csv:" + csv + ":price", "--loss", "mse", "--model",
                "mlp:2-16-1:tanh", "--epochs", "60", "--lr", "0.01", "--validation-split", "0",
                "--out", model.toString(), "--report", directory.resolve("prices").toString());
        CliRun evaluation = CliRun.ok("evaluate", "--model", model.toString(), "--data", "csv:" + csv + ":price");
        assertTrue(evaluation.out().contains("rmse"), evaluation.out());
        assertTrue(evaluation.number("rmse +([0-9.]+)") < 0.5, evaluation.out());
        CliRun prediction = CliRun.ok("predict", "--model", model.toString(), "--input", "6,2");
        assertTrue(prediction.number("row 1: ([-0-9.]+)") > 2.0, prediction.out());
    }

    @Test
    void sineIsRegressionWithRmseAndNoConfusionMatrix() throws IOException {
        Path report = directory.resolve("sine");
        CliRun run = CliRun.ok("train", "--quiet", "--data", "sine", "--model", "mlp:1-16-1:tanh", "--epochs", "5",
                "--out", directory.resolve("sine.safetensors").toString(), "--report", report.toString());
        double rmse = run.number("final validation RMSE: ([0-9.]+)");
        double mae = run.number("\\(MAE ([0-9.]+)\\)");
        assertTrue(rmse > 0 && mae > 0 && mae <= rmse, run.out());
        assertFalse(run.out().contains("accuracy"), run.out());
        String header = Files.readString(report.resolve("history.csv")).lines().findFirst().orElse("");
        assertTrue(header.startsWith("epoch,seconds,loss,grad_norm.layers.0,") && header.contains(",val_loss,val_rmse"),
                header);
        assertImage(report.resolve("history.png"), Report.WIDTH, Report.HEIGHT);
        assertFalse(Files.exists(report.resolve("confusion.png")), "no confusion matrix for regression");
        SavedModel saved = ModelFile.load(directory.resolve("sine.safetensors"));
        assertEquals("mse", saved.metadata().get("dendrite.loss"));
        assertFalse(saved.metadata().containsKey("dendrite.classes"));
    }

    @Test
    void csvWithTextLabelsNamesTheClasses() throws IOException {
        Path csv = TestData.twoBlobs(directory.resolve("pets.csv"), "label", true);
        CliRun run = CliRun.ok("train", "--quiet", "--data", "csv:" + csv, "--epochs", "10", "--lr", "0.01",
                "--out", directory.resolve("pets.safetensors").toString(), "--report", directory.resolve("r").toString());
        assertTrue(run.out().contains("on pets (48 training, 12 validation rows)"), run.out());
        assertTrue(run.number("final validation accuracy: ([0-9.]+)") >= 0.9, run.out());
        Map<String, String> metadata = ModelFile.load(directory.resolve("pets.safetensors")).metadata();
        assertEquals("[\"cat\",\"dog\"]", metadata.get("dendrite.classes"));
        assertEquals("label", metadata.get(TrainedModel.LABEL_COLUMN));
    }

    @Test
    void csvWithANamedLabelColumn() throws IOException {
        Path csv = TestData.twoBlobs(directory.resolve("species.csv"), "species", false);
        Path model = CliRun.train(directory, "species", "--data", "csv:" + csv + ":species", "--epochs", "10",
                "--lr", "0.01");
        SavedModel saved = ModelFile.load(model);
        assertEquals("[\"cat\",\"dog\"]", saved.metadata().get("dendrite.classes"));
        assertEquals("species", saved.metadata().get(TrainedModel.LABEL_COLUMN));
        assertEquals(2, ((Dense) saved.model().layers().get(1)).inFeatures(), "the label is not a feature");
    }

    @Test
    void architectureJsonFileAsTheModel() throws IOException {
        Sequential network = new Sequential(new Dense(4, 12, new Random(1)), new ReLU(), new Dense(12, 3,
                new Random(2)));
        Path json = Files.writeString(directory.resolve("net.json"), Architecture.describe(network));
        Path model = CliRun.train(directory, "json", "--data", "iris", "--model", json.toString(), "--epochs", "3",
                "--normalize", "none");
        Sequential loaded = ModelFile.load(model).model();
        assertEquals(Architecture.describe(network), Architecture.describe(loaded));
        assertEquals(network.parameterCount(), loaded.parameterCount());
    }

    /** Every optimizer trains: the training loss falls over a few epochs, and the file records which one. */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
    void everyOptimizer(String optimizer) throws IOException {
        Path report = directory.resolve("report");
        CliRun run = CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "5", "--optimizer", optimizer,
                "--out", directory.resolve("m.safetensors").toString(), "--report", report.toString());
        String expectedName = Map.of("sgd", "SGD(", "momentum", "momentum=0.9", "nesterov", "nesterov=true",
                "adagrad", "AdaGrad(", "rmsprop", "RMSProp(", "adam", "Adam(", "adamw", "AdamW(").get(optimizer);
        assertTrue(run.out().contains(expectedName), run.out());
        List<String> history = Files.readAllLines(report.resolve("history.csv"));
        double first = Double.parseDouble(history.get(1).split(",")[2]);
        double last = Double.parseDouble(history.get(5).split(",")[2]);
        assertTrue(last < first, optimizer + ": training loss " + first + " -> " + last);
        assertEquals(optimizer, ModelFile.load(directory.resolve("m.safetensors")).metadata().get("dendrite.optimizer"));
    }

    @Test
    void patienceStopsEarly() throws IOException {
        Path report = directory.resolve("report");
        CliRun run = CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "200", "--lr", "0.1", "--patience", "2",
                "--out", directory.resolve("m.safetensors").toString(), "--report", report.toString());
        int epochs = (int) run.number("after ([0-9]+) epochs");
        assertTrue(epochs >= 3 && epochs < 200, "stopped after " + epochs + " epochs");
        assertEquals(epochs + 1, Files.readAllLines(report.resolve("history.csv")).size());
        assertEquals(Integer.toString(epochs),
                ModelFile.load(directory.resolve("m.safetensors")).metadata().get("dendrite.epochs"));
    }

    /** The metadata holds the training time, so the weights are compared rather than the file bytes. */
    @Test
    void sameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() throws IOException {
        Map<String, Tensor> first = weights(CliRun.train(directory, "a", "--data", "iris", "--epochs", "3"));
        Map<String, Tensor> again = weights(CliRun.train(directory, "b", "--data", "iris", "--epochs", "3"));
        Map<String, Tensor> other = weights(CliRun.train(directory, "c", "--data", "iris", "--epochs", "3",
                "--seed", "7"));
        assertEquals(first.keySet(), again.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name).toArray(), again.get(name).toArray(), name);
        }
        assertFalse(java.util.Arrays.equals(first.get("layers.1.weight").toArray(),
                other.get("layers.1.weight").toArray()), "seed 7 draws other weights");
    }

    /** Shifted images: the same seed gives the same weights, the shifts change them, the option is recorded. */
    @Test
    void augmentedDigitsAreReproducibleAndDifferFromPlainOnes() throws IOException {
        String[] options = {"--data", "digits", "--model", "conv:4:3:1:1,relu,maxpool:2,flatten,dense:10",
            "--epochs", "2", "--augment", "shift:1"};
        CliRun run = CliRun.ok(concat(new String[] {"train", "--quiet", "--out", directory.resolve("a.safetensors")
                .toString(), "--report", directory.resolve("a-report").toString()}, options));
        assertTrue(run.out().contains("ImageShift(maxShift=1, image=[1, 8, 8])"), run.out());
        Map<String, Tensor> first = weights(directory.resolve("a.safetensors"));
        Map<String, Tensor> again = weights(CliRun.train(directory, "b", options));
        Map<String, Tensor> plain = weights(CliRun.train(directory, "c", java.util.Arrays.copyOf(options, 6)));
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name).toArray(), again.get(name).toArray(), name);
        }
        String conv = first.keySet().iterator().next();
        assertFalse(java.util.Arrays.equals(first.get(conv).toArray(), plain.get(conv).toArray()),
                "the shifts change training");
        assertEquals("shift:1", ModelFile.load(directory.resolve("b.safetensors")).metadata().get("dendrite.augment"));
        assertNull(ModelFile.load(directory.resolve("c.safetensors")).metadata().get("dendrite.augment"));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void noValidationSplitReportsTheTrainingSet() {
        CliRun run = CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "3", "--validation-split", "0",
                "--out", directory.resolve("m.safetensors").toString(), "--report", directory.resolve("r").toString());
        assertTrue(run.out().contains("(120 training, 0 validation rows; 30 test rows held out for evaluate)"), run.out());
        assertTrue(run.out().contains("final training accuracy: "), run.out());
    }

    @Test
    void progressIsPrintedUnlessQuiet() {
        CliRun run = CliRun.ok("train", "--data", "iris", "--epochs", "2", "--out",
                directory.resolve("m.safetensors").toString(), "--report", directory.resolve("r").toString());
        assertTrue(run.out().contains("epoch 2/2"), run.out());
    }

    /** Options that cannot work are usage errors naming the option, before any training or file. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--epochs 0                                       | --epochs: expected at least 1, got 0",
        "--batch 0                                        | --batch: expected at least 1, got 0",
        "--patience -1                                    | --patience: expected 0 or more, got -1",
        "--validation-split 1                             | --validation-split: expected a fraction in [0, 1), got 1.0",
        "--validation-split 1.5                           | --validation-split: expected a fraction in [0, 1), got 1.5",
        "--lr 0                                           | --lr: expected a positive number, got 0.0",
        "--optimizer lbfgs                                | --optimizer: expected one of sgd, momentum",
        "--normalize zscore                               | --normalize: expected standard, minmax, none or auto",
        "--loss hinge                                     | --loss: expected one of cross_entropy, binary_cross_entropy",
        "--loss mse                                       | --loss: expected cross_entropy for the classes of iris",
        "--data sine --loss cross_entropy                 | --loss: expected mse, mae or huber for the numeric targets",
        "--data xor --model mlp:2-8-1 --loss cross_entropy | --loss: expected binary_cross_entropy for the classes of xor with 1 output",
        "--data xor --model mlp:2-8-2 --loss binary_cross_entropy | --loss: expected cross_entropy for the classes of xor with 2 outputs",
        "--model mlp:4-8-3:relu:softmax                   | --model: expected raw scores at the output for cross_entropy, which applies the softmax itself, got a final Softmax(axis=-1) layer",
        "--augment shift                                  | --augment: expected none or shift:N (N pixels, 0 or more), got 'shift'",
        "--augment shift:-1                               | --augment: expected none or shift:N (N pixels, 0 or more), got 'shift:-1'",
        "--augment crop:2                                 | --augment: expected none or shift:N (N pixels, 0 or more), got 'crop:2'",
        "--augment shift:2                                | --augment: expected data with an image shape (mnist, fashion-mnist, digits or another IDX image set), got iris with rows of [4]",
        "--data digits --augment shift:8                  | --augment: expected a shift of at most 7 pixels for images [1, 8, 8], got 8",
        "--data xor --model mlp:2-8-1:relu:sigmoid        | --model: expected raw scores at the output for binary_cross_entropy, which applies the sigmoid itself",
    })
    void unusableOptionsAreUsageErrors(String options, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--quiet", "--epochs", "1", "--data", "iris",
                "--out", directory.resolve("m.safetensors").toString(), "--report", directory.resolve("r").toString()));
        // Later options of the same name replace the defaults above.
        for (String option : options.trim().split("\\s+")) {
            args.add(option);
        }
        CliRun.of(overriding(args)).assertFails(2, "dendrite train: " + message, "(try 'dendrite train --help')");
        assertFalse(Files.exists(directory.resolve("m.safetensors")));
    }

    @Test
    void aModelThatDoesNotFitTheDataFails() {
        String out = directory.resolve("m.safetensors").toString();
        CliRun.of("train", "--data", "iris", "--model", "mlp:4-8-5", "--out", out)
                .assertFails(1, "expected 3 outputs for the 3 classes of iris, got 5");
        CliRun.of("train", "--data", "iris", "--model", "mlp:3-8-3", "--out", out)
                .assertFails(1, "model does not fit the data (4 features)", "the model's input [3], got rows of shape [4]");
        CliRun.of("train", "--data", "sine", "--model", "mlp:1-8-3", "--out", out)
                .assertFails(1, "expected 1 output for the numeric targets of sine, got 3");
        CliRun.of("train", "--data", "iris", "--model", "mlp:4-x-3", "--out", out)
                .assertFails(2, "--model: model spec: expected layer widths separated by '-'");
        CliRun.of("train", "--data", "iris", "--model", directory.resolve("none.json").toString(), "--out", out)
                .assertFails(1, "no such file: " + directory.resolve("none.json"));
        assertFalse(Files.exists(directory.resolve("m.safetensors")));
    }

    @Test
    void outputPathsAreCheckedBeforeTraining() throws IOException {
        Path report = Files.writeString(directory.resolve("report.txt"), "a file");
        CliRun.of("train", "--data", "iris", "--out", directory.resolve("m.safetensors").toString(), "--report",
                report.toString()).assertFails(2, "--report: expected a directory, got the file " + report);
        CliRun.of("train", "--data", "iris", "--out", directory.toString())
                .assertFails(2, "--out: expected a model file name, got the directory " + directory);
        CliRun.of("train", "--data", "iris", "--out", report.resolve("m.safetensors").toString(), "--report",
                directory.resolve("r").toString())
                .assertFails(2, "--out's folder: expected a folder, got the file " + report);
        CliRun.of("train", "--data", "iris", "--out", report.resolve("a").resolve("m.safetensors").toString())
                .assertFails(2, "--out's folder: expected a folder that can be created, got " + report.resolve("a")
                        + ", which lies under the file " + report);
        assertFalse(Files.exists(directory.resolve("m.safetensors")));
    }

    @Test
    void theModelFilesFolderIsCreated() {
        Path model = directory.resolve("models").resolve("iris").resolve("m.safetensors");
        CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "1", "--out", model.toString(),
                "--report", directory.resolve("r").toString());
        assertTrue(Files.isRegularFile(model));
    }

    /** Keeps the last value of each option, so a test can override the defaults it starts from. */
    private static String[] overriding(List<String> args) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            boolean flag = args.get(i).equals("--quiet");
            options.put(args.get(i), flag ? null : args.get(++i));
        }
        List<String> result = new java.util.ArrayList<>(List.of(args.get(0)));
        options.forEach((name, value) -> {
            result.add(name);
            if (value != null) {
                result.add(value);
            }
        });
        return result.toArray(new String[0]);
    }

    static void assertImage(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        assertTrue(Files.size(file) > 10_000, file + " holds a drawing, not a blank image: " + Files.size(file) + " bytes");
    }

    private static Map<String, Tensor> weights(Path model) throws IOException {
        return ModelFile.load(model).model().namedParameters();
    }

    @Test
    void weightDecayReachesTheOptimizerAndIsRefusedWhereThereIsNone() {
        CliRun run = CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "2", "--optimizer", "adamw",
                "--weight-decay", "0.05", "--out", directory.resolve("wd.safetensors").toString(), "--report",
                directory.resolve("wd").toString());
        assertTrue(run.out().contains("weightDecay=0.05"), run.out());
        CliRun.of("train", "--data", "iris", "--optimizer", "rmsprop", "--weight-decay", "0.01", "--out",
                directory.resolve("x.safetensors").toString()).assertFails(2,
                "--weight-decay: expected an optimizer with weight decay (sgd, momentum, nesterov, adam, adamw), "
                        + "got 'rmsprop'");
        CliRun.of("train", "--data", "iris", "--weight-decay", "-1", "--out",
                directory.resolve("x.safetensors").toString()).assertFails(2, "--weight-decay: expected a number >= 0");
    }

    @Test
    void outputsThatAreNotRegularFilesOrAreInputsAreRefusedBeforeTraining() throws Exception {
        Path fifo = directory.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor() == 0) {
            CliRun.of("train", "--data", "iris", "--epochs", "1", "--out", fifo.toString())
                    .assertFails(2, "--out: expected a regular file or a new name, got " + fifo);
            assertTrue(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(fifo), "the pipe is still a pipe");
        }
        Path csv = TestData.twoBlobs(directory.resolve("data.csv"), "label", false);
        byte[] before = Files.readAllBytes(csv);
        CliRun.of("train", "--data", "csv:" + csv, "--epochs", "1", "--out", csv.toString())
                .assertFails(2, "--out: expected a file other than the inputs", "overwrite its own input");
        Path alias = Files.createSymbolicLink(directory.resolve("alias.csv"), csv);
        CliRun.of("train", "--data", "csv:" + alias, "--epochs", "1", "--out", csv.toString())
                .assertFails(2, "--out: expected a file other than the inputs");
        assertArrayEquals(before, Files.readAllBytes(csv), "the data file is untouched");
        CliRun.of("train", "--data", "iris", "--epochs", "1", "--out", directory.resolve("m".repeat(230)).toString())
                .assertFails(2, "--out: expected a file name of at most 200 characters");
        Path target = directory.resolve("models").resolve("real.safetensors");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(directory.resolve("link.safetensors"), target);
        CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "1", "--out", link.toString(), "--report",
                directory.resolve("link-report").toString());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.size(target) > 100, "the model went to the link's target");
    }

    @Test
    void oneClassOrOneRowGetsOneClearLine() throws Exception {
        Path oneClass = Files.writeString(directory.resolve("one-class.csv"), "x,y,label\n1,2,a\n3,4,a\n5,6,a\n");
        CliRun.of("train", "--data", "csv:" + oneClass, "--epochs", "1", "--out",
                directory.resolve("m.safetensors").toString()).assertFails(1, "expected at least 2 classes", "[a]");
        Path oneRow = Files.writeString(directory.resolve("one-row.csv"), "x,y,label\n1,2,a\n");
        CliRun.of("train", "--data", "csv:" + oneRow, "--epochs", "1", "--out",
                directory.resolve("m.safetensors").toString()).assertFails(1, "expected at least 2 classes");
        Path twoRows = Files.writeString(directory.resolve("two-rows.csv"), "x,y,label\n1,2,a\n3,4,b\n");
        CliRun.of("train", "--data", "csv:" + twoRows, "--epochs", "1", "--validation-split", "0.2", "--out",
                directory.resolve("m.safetensors").toString())
                .assertFails(2, "--validation-split: expected a split that leaves rows on both sides", "2 rows");
    }

    @Test
    void anInputThatOverflowsGivesAnErrorNotAClass() {
        Path model = CliRun.train(directory, "iris", "--data", "iris", "--epochs", "2");
        CliRun.of("predict", "--model", model.toString(), "--input", "3e38,3.5,1.4,0.2")
                .assertFails(1, "predict: expected finite outputs", "row 1");
    }

    @Test
    void mnistWithoutAFolderFindsTheSharedOrFetchedCopy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.dendrite.data.Mnist.defaultDirectory().isPresent(),
                "no MNIST copy in $DENDRITE_DATA, the cache or shared/data");
        CliRun run = CliRun.ok("evaluate", "--model", CliRun.train(directory, "mnist-flat", "--data", "mnist",
                "--model", "mlp:784-16-10:relu", "--epochs", "1", "--batch", "256").toString(), "--data", "mnist");
        assertTrue(run.out().contains("scored the test split (t10k files)") && run.out().contains("10000 samples"),
                run.out());
    }

    @Test
    void theReportFolderIsNamedAfterTheModelFile() {
        Path model = directory.resolve("iris.safetensors");
        CliRun run = CliRun.ok("train", "--quiet", "--data", "iris", "--epochs", "1", "--out", model.toString());
        assertTrue(Files.isRegularFile(directory.resolve("iris-report").resolve("history.csv")), run.out());
        assertEquals(directory.resolve("noext-report"), TrainCommand.reportBeside(directory.resolve("noext")));
    }
}
