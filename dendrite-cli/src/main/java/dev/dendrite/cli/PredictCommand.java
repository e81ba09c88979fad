package dev.dendrite.cli;

import dev.dendrite.data.Dataset;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite predict}: a saved model's predictions for new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: the class and its probabilities, or the regression values.",
        footer = {"", "Examples:", "  dendrite predict --model iris.safetensors --input 5.1,3.5,1.4,0.2",
            "  dendrite predict --model iris.safetensors --input '5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3' --json",
            "  dendrite predict --model model.safetensors --input rows.csv",
            "  dendrite predict --model mnist-cnn.safetensors --input digit.png",
            "  dendrite predict --model mnist-cnn.safetensors --data mnist --index 0..9",
            "", "Images (.png) are read as MNIST's: grey by luminance, scaled to the model's input size, values "
                + "g/255; when the image's border averages brighter than mid-grey the background is taken to be "
                + "white and the image is inverted (255 - g), so dark ink on white paper works too."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--input", paramLabel = "FILE|VALUES",
            description = "A CSV file with a header row (a 'label' or 'target' column, or the label column the model "
                    + "was trained with, is ignored), or comma-separated values, "
                    + "rows separated by ';', or PNG images (comma-separated) for a model taking "
                    + "one-channel images.")
    String input;

    @Option(names = "--data", paramLabel = "SPEC", description = "Predict rows of a data set, with their labels beside, instead of --input (the test "
            + "split when there is one). SPEC is one of%n" + DataSpec.HELP + ".")
    String data;

    @Option(names = "--index", paramLabel = "I|A..B", defaultValue = "0",
            description = "The rows of --data: one row I or the rows A to B, both included (default: 0).")
    String index;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    @Option(names = "--json", description = "Print the predictions as JSON.")
    boolean json;

    @Option(names = TrainedModel.ALLOW_NONFINITE, description = "Load a model whose weights hold NaN or infinity "
            + "(refused otherwise: such a model answers with confidence it does not have).")
    boolean allowNonFinite;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if ((input == null) == (data == null)) {
            throw new ParameterException(spec.commandLine(), "expected one of --input or --data, got "
                    + (input == null ? "neither" : "both"));
        }
        IndexRange range = IndexRange.parse(index);
        if (input != null && spec.commandLine().getParseResult().hasMatchedOption("--index")) {
            throw new ParameterException(spec.commandLine(), "--index: expected --data as well (it picks rows of a "
                    + "data set), got --input");
        }
        TrainedModel model = TrainedModel.load(modelFile, allowNonFinite);
        Dataset rows = input != null ? null : rowsOf(model, range);
        Tensor output = model.predict(rows != null ? rows.features() : inputRows(model));
        PrintWriter out = spec.commandLine().getOut();
        if (model.isClassification()) {
            Tensor probabilities = output.shape().dim(1) == 1 ? new Sigmoid().forward(output) : new Softmax().forward(output);
            printClasses(out, model, probabilities, rows == null ? null : range, rows);
        } else {
            printValues(out, output, range, rows);
        }
        return 0;
    }

    private Tensor inputRows(TrainedModel model) throws IOException {
        Path path = Path.of(input);
        if (!ImageInput.isImages(input) && !Files.exists(path) && PredictInput.namesAFile(input)) {
            throw new NoSuchFileException(input);
        }
        return ImageInput.isImages(input) ? ImageInput.read(input, model.sampleInputShape())
                : Files.isRegularFile(path)
                ? PredictInput.fromCsv(path, model.inputWidth(), model.metadata().get(TrainedModel.LABEL_COLUMN))
                : PredictInput.fromValues(input, model.inputWidth());
    }

    /** Rows {@code range} of the evaluation split of {@code --data}, as the model reads them. */
    private Dataset rowsOf(TrainedModel model, IndexRange range) throws IOException {
        Dataset set = DataSpec.load(data, seed, model.classNames(), !model.isClassification()).evaluationSet();
        model.checkFits(set);
        range.checkWithin(set.size(), set.name());
        int[] picked = new int[range.count()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = range.first() + i;
        }
        return set.subset(picked);
    }

    /**
     * One line (or JSON object) per row: the class, its probability and every class's. Rows of
     * {@code --data} are numbered by their index in the set and show their label; others count from 1.
     */
    private void printClasses(PrintWriter out, TrainedModel model, Tensor probabilities, IndexRange range,
            Dataset data) {
        int rows = probabilities.shape().dim(0);
        int columns = probabilities.shape().dim(1);
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            float[] p = probabilities.sliceRows(r, r + 1).toArray();
            float[] classes = columns == 1 ? new float[] {1 - p[0], p[0]} : p;
            int best = 0;
            for (int c = 1; c < classes.length; c++) {
                best = classes[c] > classes[best] ? c : best;
            }
            String name = model.classNames().get(best);
            String label = data == null ? null : model.classNames().get((int) data.targets().get(r));
            if (json()) {
                json.append(r == 0 ? "" : ", ").append("{");
                if (data != null) {
                    json.append("\"row\": ").append(range.first() + r).append(", \"label\": ")
                            .append(JsonText.quote(label)).append(", ");
                }
                json.append("\"class\": ").append(JsonText.quote(name))
                        .append(", \"index\": ").append(best).append(", \"probabilities\": {");
                for (int c = 0; c < classes.length; c++) {
                    json.append(c == 0 ? "" : ", ").append(JsonText.quote(model.classNames().get(c))).append(": ")
                            .append(JsonText.number(classes[c]));
                }
                json.append("}}");
            } else {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "row %d: %s (p=%.4f)  [",
                        data == null ? r + 1 : range.first() + r, name, classes[best]));
                for (int c = 0; c < classes.length; c++) {
                    line.append(c == 0 ? "" : ", ").append(model.classNames().get(c)).append('=')
                            .append(String.format(Locale.ROOT, "%.4f", classes[c]));
                }
                out.println(line.append(']').append(data == null ? "" : "  label " + label
                        + (label.equals(name) ? "" : "  WRONG")));
            }
        }
        if (json()) {
            out.println(json.append(']'));
        }
    }

    /** One line (or JSON array) per row; rows of {@code --data} are numbered by index and show their target. */
    private void printValues(PrintWriter out, Tensor output, IndexRange range, Dataset data) {
        int rows = output.shape().dim(0);
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            float[] v = output.sliceRows(r, r + 1).toArray();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                values.append(i == 0 ? "" : ", ").append(JsonText.number(v[i]));
            }
            if (json()) {
                json.append(r == 0 ? "[" : ", [").append(values).append(']');
            } else if (data == null) {
                out.println("row " + (r + 1) + ": " + values);
            } else {
                StringBuilder target = new StringBuilder();
                for (float t : data.targets().sliceRows(r, r + 1).toArray()) {
                    target.append(target.length() == 0 ? "" : ", ").append(JsonText.number(t));
                }
                out.println("row " + (range.first() + r) + ": " + values + "  target " + target);
            }
        }
        if (json()) {
            out.println(json.append(']'));
        }
    }

    private boolean json() {
        return json;
    }
}
