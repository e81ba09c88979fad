package dev.dendrite.cli;

import java.util.function.DoubleUnaryOperator;
import java.util.Map;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.io.IOException;
import dev.dendrite.data.PiecewiseLinear;
import dev.dendrite.cli.plot.FittedFunctionRenderer;
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

        @Option(names = "--plot", paramLabel = "FILE.png", defaultValue = "seed-regression.png",
                description = "Where to draw the fitted functions against the target, PNG or .svg (default: ${DEFAULT-VALUE}).")
        Path plot;

        private void writePlot(List<SeedRegression.Result> results) throws IOException {
            Map<String, DoubleUnaryOperator> fits = new LinkedHashMap<>();
            for (SeedRegression.Result r : results) {
                fits.put(String.format(Locale.ROOT, "%s (RMSE %.5f)", r.variant().label(), r.testRmse()), r::predict);
            }
            // PNG or SVG by the file's name, as the plot commands write.
            FittedFunctionRenderer.picture("Piecewise-linear regression, four ways",
                    SeedRegression.MODEL + ", " + epochs + " epochs each", PiecewiseLinear::value, fits, -100, 100,
                    1200, 800).write(plot);
        }

        @Override
        public Integer call() throws IOException {
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
            out.println("Series RMSE: the figures reported in parts 2 and 3 of the article series (how a network");
            out.println("learns; how to train it better). Part 1, the article Dendrite starts from, only explains how a");
            out.println("network predicts and trains nothing. The series ran far more epochs for full-batch gradient");
            out.println("descent (250 000) than this run's " + epochs + ".");
            out.println();
            SeedRegression.print(out, results);
            out.println();
            out.println("Against the series:");
            SeedRegression.compare(out, results);
            boolean ordered = true;
            for (int i = 1; i < results.size(); i++) {
                ordered &= results.get(i).testRmse() < results.get(i - 1).testRmse();
            }
            double adam = results.get(results.size() - 1).testRmse();
            out.println();
            out.println("Dendrite's own ordering (each variant better than the one before, as in the series): "
                    + (ordered ? "holds" : "DOES NOT HOLD"));
            out.println(String.format(Locale.ROOT, "Adam reaches the series' 0.00088: %s (%.5f)",
                    adam <= 0.00088 ? "yes" : "NO", adam));
            if (plot != null) {
                writePlot(results);
                out.println("plot of the fitted functions against the target: " + plot);
            }
            return ordered && adam <= 0.00088 ? 0 : 1;
        }
    }
}
