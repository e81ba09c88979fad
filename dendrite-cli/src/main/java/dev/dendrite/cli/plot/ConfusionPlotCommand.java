package dev.dendrite.cli.plot;

import dev.dendrite.cli.DataSpec;
import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.Dataset;
import dev.dendrite.train.Evaluation;
import dev.dendrite.train.Evaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite plot confusion}: a saved classifier's confusion matrix on a dataset, as an image. */
@Command(name = "confusion", mixinStandardHelpOptions = true,
        description = "Plot a saved classifier's confusion matrix on a dataset (its test split when it has one).",
        footer = {"", "Example:", "  dendrite plot confusion --model model.safetensors --data digits --out confusion.png"})
final class ConfusionPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Data: " + DataSpec.HELP + ".")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    @Override
    public Integer call() throws IOException {
        output.validate();
        TrainedModel model = TrainedModel.load(modelFile);
        if (!model.isClassification()) {
            throw new ParameterException(spec.commandLine(), "expected a classifier, got a regression "
                    + "model (" + modelFile + ")");
        }
        Dataset raw = DataSpec.load(data, seed, model.classNames()).evaluationSet();
        model.checkFits(raw);
        Dataset set = model.view(raw);
        Evaluation result = Evaluator.evaluate(model.model(), model.loss(), set, 1024);
        int size = Math.min(output.width, output.height);
        output.write(ConfusionMatrixRenderer.picture(result.confusion(), model.classNames(), set.name(), size));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }
}
