package dev.dendrite.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runnable examples that reproduce published experiments with Dendrite. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run a worked example (seed-regression: the article series' regression experiment).",
        subcommands = {ExampleCommand.SeedRegressionCommand.class},
        footer = {"", "Example:", "  dendrite example seed-regression"})
final class ExampleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "expected an example name (seed-regression), got nothing");
    }

    @Command(name = "seed-regression", mixinStandardHelpOptions = true,
            description = {"Train the series' 1-32-32-16-16-1 sigmoid/tanh network on its piecewise-linear function "
                    + "four ways and compare test RMSE with the figures the series reported."},
            footer = {"", "Example:", "  dendrite example seed-regression --epochs 2000"})
    static final class SeedRegressionCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--epochs", description = "Epochs per variant (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
        int epochs;

        @Option(names = "--seed", description = "Seed of the weights and batches (default: ${DEFAULT-VALUE}).",
                defaultValue = "1")
        long seed;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Piecewise-linear regression, network " + SeedRegression.MODEL + ", MSE loss");
            out.println("train: 2000 points on [-100, 100]; test: 200 points on [-95, 95]; inputs not normalised");
            out.println("Two deliberate differences from the series' code: the weight gradient is averaged over the");
            out.println("batch (the series divides by the layer's input size), and Adam applies bias correction (the");
            out.println("series' \"momentum + RMSProp\" has none). Every variant decays its learning rate along a");
            out.println("cosine schedule: SGD 0.5 -> 0.005 (momentum 0.9: 0.1 -> 0.001), Adam 0.01 -> 0.000001.");
            out.println();
            List<SeedRegression.Result> results = new ArrayList<>();
            for (SeedRegression.Variant variant : SeedRegression.variants()) {
                SeedRegression.Result result = SeedRegression.run(variant, epochs, seed);
                results.add(result);
                out.println(String.format(Locale.ROOT, "  finished %-40s test RMSE %.5f in %.1f s", variant.label(),
                        result.testRmse(), result.seconds()));
                out.flush();
            }
            out.println();
            SeedRegression.print(out, results);
            boolean ordered = true;
            for (int i = 1; i < results.size(); i++) {
                ordered &= results.get(i).testRmse() < results.get(i - 1).testRmse();
            }
            double adam = results.get(results.size() - 1).testRmse();
            out.println();
            out.println("ordering (each variant better than the one before): " + (ordered ? "holds" : "DOES NOT HOLD"));
            out.println(String.format(Locale.ROOT, "Adam reaches the series' 0.00088: %s (%.5f)",
                    adam <= 0.00088 ? "yes" : "NO", adam));
            return ordered && adam <= 0.00088 ? 0 : 1;
        }
    }
}
