package dev.dendrite.cli;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
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

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        TrainedModel trained = TrainedModel.load(modelFile);
        PrintWriter out = spec.commandLine().getOut();
        out.print(table(trained.model()));
        out.println();
        out.println("metadata:");
        for (Map.Entry<String, String> entry : trained.metadata().entrySet()) {
            if (!entry.getKey().equals("architecture")) {
                String value = entry.getValue().replace("\n", ", ");
                out.println(String.format(Locale.ROOT, "  %-24s %s", entry.getKey(),
                        value.length() > 100 ? value.substring(0, 97) + "..." : value));
            }
        }
        return 0;
    }

    /** The layer table, with output shapes found by passing one zero row through the model. */
    static String table(Sequential model) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %-28s %-14s %12s%n", "layer", "type",
                "output shape", "parameters"));
        out.append("-".repeat(65)).append('\n');
        int inputs = model.layers().stream().filter(l -> l instanceof Dense).map(l -> ((Dense) l).inFeatures())
                .findFirst().orElse(1);
        Tensor x = Tensor.zeros(1, inputs);
        long total = 0;
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int i = 0; i < model.layers().size(); i++) {
                Module layer = model.layers().get(i);
                x = layer.forward(x);
                long count = layer.parameterCount();
                total += count;
                String shape = x.shape().toString().replaceFirst("^\\[1", "[N");
                out.append(String.format(Locale.ROOT, "%-8s %-28s %-14s %,12d%n", "layers." + i, layer, shape, count));
            }
        }
        out.append("-".repeat(65)).append('\n');
        return out.append(String.format(Locale.ROOT, "input [N, %d]; total parameters: %,d%n", inputs, total))
                .toString();
    }
}
