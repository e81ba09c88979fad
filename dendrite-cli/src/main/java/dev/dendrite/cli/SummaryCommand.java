package dev.dendrite.cli;

import dev.dendrite.nn.ModelSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite summary}: a saved model's layers, output shapes and parameter counts. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a saved model's layers with output shapes and parameter counts, and its metadata.",
        footer = {"", "Example:", "  dendrite summary --model model.safetensors"})
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = TrainedModel.ALLOW_NONFINITE, description = "Load a model whose weights hold NaN or infinity "
            + "(refused otherwise: such a model answers with confidence it does not have).")
    boolean allowNonFinite;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        TrainedModel trained = TrainedModel.load(modelFile, allowNonFinite);
        PrintWriter out = spec.commandLine().getOut();
        out.print(table(trained));
        out.println();
        out.println("metadata:");
        for (Map.Entry<String, String> entry : trained.metadata().entrySet()) {
            if (!entry.getKey().equals("architecture")) {
                String value = entry.getKey().equals(TrainedModel.CLASSES) ? String.join(", ", trained.classNames())
                        : entry.getValue().replace("\n", ", ");
                out.println(String.format(Locale.ROOT, "  %-24s %s", entry.getKey(),
                        value.length() > 100 ? value.substring(0, 97) + "..." : value));
            }
        }
        return 0;
    }

    /**
     * The layer table. A model that does not declare its whole input shape (a convolutional one)
     * is shown for the sample shape training recorded in the metadata.
     */
    static String table(TrainedModel trained) {
        int[] sample = trained.sampleInputShape();
        if (sample == null) {
            throw new IllegalArgumentException("summary: expected a model whose input shape is known, got one whose "
                    + "first layer takes any shape and no 'input_shape' in the file's metadata");
        }
        return ModelSummary.table(trained.model(), sample);
    }
}
