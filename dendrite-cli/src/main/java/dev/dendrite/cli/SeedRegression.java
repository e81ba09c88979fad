package dev.dendrite.cli;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.PiecewiseLinear;
import dev.dendrite.loss.MSE;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.CosineAnnealing;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.train.Trainer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * The article series' own experiment: regress a piecewise-linear function with a
 * 1-32-32-16-16-1 network (sigmoid hidden layers, tanh output, MSE) trained four ways, and print
 * each test RMSE beside the one the series reported.
 */
final class SeedRegression {
    static final String MODEL = "mlp:1-32-32-16-16-1:sigmoid:tanh";

    /** One way of training: its label, the series' figure, batch size and optimizer. */
    record Variant(String label, double seriesRmse, int batchSize, double finalRateFraction,
                   Function<Sequential, Optimizer> optimizer) {
    }

    /** A finished variant. */
    record Result(Variant variant, double testRmse, int epochs, double seconds) {
    }

    static List<Variant> variants() {
        return List.of(
                new Variant("gradient descent (full batch)", 0.065, 2000, 0.01,
                        m -> new SGD(m.parameters(), 0.5)),
                new Variant("mini-batch gradient descent", 0.057, 50, 0.01,
                        m -> new SGD(m.parameters(), 0.5)),
                new Variant("mini-batch + momentum", 0.024, 50, 0.01,
                        m -> new SGD(m.parameters(), 0.1).momentum(0.9)),
                new Variant("mini-batch + momentum + RMSProp (Adam)", 0.00088, 50, 1e-4,
                        m -> new Adam(m.parameters(), 0.01)));
    }

    static Result run(Variant variant, int epochs, long seed) {
        Dataset train = PiecewiseLinear.train();
        Dataset test = PiecewiseLinear.test();
        Sequential model = MlpSpec.parse(MODEL).build(new Random(seed));
        Optimizer optimizer = variant.optimizer().apply(model);
        double finalRate = optimizer.learningRate() * variant.finalRateFraction();
        Trainer trainer = Trainer.builder(model, new MSE(), optimizer)
                .epochs(epochs).batchSize(variant.batchSize()).seed(seed).progress(null)
                .schedule(new CosineAnnealing(epochs, finalRate)).build();
        long start = System.nanoTime();
        trainer.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(variant, trainer.evaluate(test).rmse(), epochs, seconds);
    }

    static void print(PrintWriter out, List<Result> results) {
        out.println(String.format(Locale.ROOT, "%-42s %12s %14s %8s %9s", "variant", "series RMSE",
                "Dendrite RMSE", "epochs", "seconds"));
        for (Result r : results) {
            out.println(String.format(Locale.ROOT, "%-42s %12.5f %14.5f %8d %9.1f", r.variant().label(),
                    r.variant().seriesRmse(), r.testRmse(), r.epochs(), r.seconds()));
        }
    }
}
