package dev.dendrite.cli;

import dev.dendrite.data.Dataset;
import dev.dendrite.train.ConfusionMatrix;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite evaluate}: a saved model's loss and metrics on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved model on a dataset: loss, accuracy, per-class precision/recall/F1, confusion matrix.",
        footer = {"", "Example:", "  dendrite evaluate --model model.safetensors --data digits",
            "  dendrite evaluate --model mnist.safetensors --data mnist:../shared/data/mnist --json"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "The data, one of:%n" + DataSpec.HELP + ".%nScores the test split: MNIST's t10k files, or the 20%% of a bundled or generated set that train never sees; a CSV file is scored whole.")
    String data;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    @Option(names = TrainedModel.ALLOW_NONFINITE, description = "Load a model whose weights hold NaN or infinity "
            + "(refused otherwise: such a model answers with confidence it does not have).")
    boolean allowNonFinite;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        TrainedModel model = TrainedModel.load(modelFile, allowNonFinite);
        DataSpec source = DataSpec.load(data, seed, model.classNames(), !model.isClassification());
        Dataset raw = source.evaluationSet();
        model.checkFits(raw);
        Dataset set = model.view(raw);
        Evaluation result = Evaluator.evaluate(model.model(), model.loss(), set, 1024);
        if (!Double.isFinite(result.loss())) {
            throw new IllegalArgumentException("evaluate: expected finite outputs, got a loss of " + result.loss()
                    + " on " + set.name() + " (the model's weights or the data hold values too large or not numbers)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(result, set, source.evaluationDescription())
                : "scored " + source.evaluationDescription() + "\n" + toText(result, set, model));
        return 0;
    }

    private static String toText(Evaluation r, Dataset set, TrainedModel model) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d samples%nloss      %.6f%n",
                set.name(), r.samples(), r.loss()));
        if (r.confusion() == null) {
            return text.append(String.format(Locale.ROOT, "rmse      %.6f%nmae       %.6f", r.rmse(), r.mae())).toString();
        }
        ConfusionMatrix m = r.confusion();
        text.append(String.format(Locale.ROOT, "accuracy  %.4f%n%nclass           precision  recall     f1  support%n",
                r.accuracy()));
        for (int c = 0; c < m.classes(); c++) {
            long support = m.support(c);
            String name = c < set.classNames().size() ? set.classNames().get(c) : Integer.toString(c);
            text.append(String.format(Locale.ROOT, "%-15s %9.4f %7.4f %6.4f %8d%n", name, m.precision(c), m.recall(c),
                    m.f1(c), support));
        }
        text.append(String.format(Locale.ROOT, "macro F1 %.4f%n%nconfusion matrix (rows: true class, columns: "
                + "predicted)%n", m.macroF1()));
        return text.append(m).toString();
    }

    private static String toJson(Evaluation r, Dataset set, String split) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"data\": ").append(JsonText.quote(set.name()))
                .append(", \"split\": ").append(JsonText.quote(split))
                .append(", \"samples\": ").append(r.samples())
                .append(", \"loss\": ").append(JsonText.number(r.loss()));
        if (r.confusion() == null) {
            json.append(", \"rmse\": ").append(JsonText.number(r.rmse()))
                    .append(", \"mae\": ").append(JsonText.number(r.mae()));
            return json.append('}').toString();
        }
        ConfusionMatrix m = r.confusion();
        json.append(", \"accuracy\": ").append(JsonText.number(r.accuracy()))
                .append(", \"macro_f1\": ").append(JsonText.number(m.macroF1()))
                .append(", \"classes\": [");
        for (int c = 0; c < m.classes(); c++) {
            String name = c < set.classNames().size() ? set.classNames().get(c) : Integer.toString(c);
            json.append(c == 0 ? "" : ", ").append("{\"name\": ").append(JsonText.quote(name))
                    .append(", \"precision\": ").append(JsonText.number(m.precision(c)))
                    .append(", \"recall\": ").append(JsonText.number(m.recall(c)))
                    .append(", \"f1\": ").append(JsonText.number(m.f1(c))).append('}');
        }
        json.append("], \"confusion\": [");
        for (int t = 0; t < m.classes(); t++) {
            json.append(t == 0 ? "[" : ", [");
            for (int p = 0; p < m.classes(); p++) {
                json.append(p == 0 ? "" : ", ").append(m.count(t, p));
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }
}
