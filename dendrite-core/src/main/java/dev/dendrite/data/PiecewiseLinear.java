package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * The regression target of the article series: a trapezoid that rises from 0 to 1 on
 * {@code [-50, 0]}, stays at 1 on {@code [0, 50]} and falls back to 0 on {@code [50, 100]}.
 *
 * <pre>
 *   f(x) = 0                  x &lt; -50
 *          (x + 50) / 50      -50 &lt;= x &lt; 0
 *          1                  0 &lt;= x &lt; 50
 *          (50 - x) / 50 + 1  x &gt;= 50
 * </pre>
 * The training set is 2000 evenly spaced points on {@code [-100, 100]}, both ends included (as
 * NumPy's {@code linspace}); the test set is 200 evenly spaced points on {@code [-95, 95]}. Features
 * {@code [N, 1]} and targets {@code [N, 1]} are the raw values, not normalised. Stateless.
 */
public final class PiecewiseLinear {
    private PiecewiseLinear() {
    }

    /** f(x) as above. */
    public static double value(double x) {
        if (x < -50) {
            return 0;
        }
        if (x < 0) {
            return (x + 50) / 50;
        }
        if (x < 50) {
            return 1;
        }
        return (50 - x) / 50 + 1;
    }

    /** The 2000-point training set on {@code [-100, 100]}, named {@code piecewise-linear-train}. */
    public static Dataset train() {
        return generate("piecewise-linear-train", 2000, -100, 100);
    }

    /** The 200-point test set on {@code [-95, 95]}, named {@code piecewise-linear-test}. */
    public static Dataset test() {
        return generate("piecewise-linear-test", 200, -95, 95);
    }

    /** {@code samples} evenly spaced points from {@code from} to {@code to} inclusive, with targets f(x). */
    public static Dataset generate(String name, int samples, double from, double to) {
        Validate.argument(samples >= 1, "PiecewiseLinear", "samples >= 1", samples);
        Validate.argument(Double.isFinite(from) && Double.isFinite(to) && from <= to, "PiecewiseLinear",
                "finite from <= to", "from = " + from + ", to = " + to);
        double[] xs = Linspace.of(from, to, samples);
        float[] features = new float[samples];
        float[] targets = new float[samples];
        for (int i = 0; i < samples; i++) {
            features[i] = (float) xs[i];
            targets[i] = (float) value(xs[i]);
        }
        return new Dataset(name, Tensor.wrap(features, samples, 1), Tensor.wrap(targets, samples, 1), 0, List.of());
    }
}
