package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * Two interleaving half circles, with scikit-learn's {@code make_moons} formula.
 *
 * <pre>
 *   outer (class 0), n0 = samples / 2 points:       (cos t, sin t)             t evenly spaced in [0, pi]
 *   inner (class 1), n1 = samples - n0 points:      (1 - cos t, 0.5 - sin t)   t evenly spaced in [0, pi]
 *   then every coordinate += noise * N(0, 1)
 * </pre>
 * Features {@code [samples, 2]}, targets {@code [samples]}. Unlike scikit-learn the rows are not
 * shuffled (outer moon first); {@link Batches} and {@link Dataset#split} shuffle. Stateless.
 */
public final class Moons {
    private Moons() {
    }

    /** {@code samples} points with Gaussian noise of standard deviation {@code noise}, seeded by {@code seed}. */
    public static Dataset generate(int samples, double noise, long seed) {
        Validate.argument(samples >= 1, "Moons", "samples >= 1", samples);
        Validate.nonNegative(noise, "Moons", "noise");
        int outer = samples / 2;
        int inner = samples - outer;
        double[] outerAngles = Linspace.of(0, Math.PI, outer);
        double[] innerAngles = Linspace.of(0, Math.PI, inner);
        double[] points = new double[samples * 2];
        float[] targets = new float[samples];
        for (int i = 0; i < outer; i++) {
            points[2 * i] = Math.cos(outerAngles[i]);
            points[2 * i + 1] = Math.sin(outerAngles[i]);
        }
        for (int i = 0; i < inner; i++) {
            int row = outer + i;
            points[2 * row] = 1 - Math.cos(innerAngles[i]);
            points[2 * row + 1] = 1 - Math.sin(innerAngles[i]) - 0.5;
            targets[row] = 1;
        }
        Random random = new Random(seed);
        float[] features = new float[points.length];
        for (int i = 0; i < points.length; i++) {
            features[i] = (float) (points[i] + noise * random.nextGaussian());
        }
        return new Dataset("moons", Tensor.wrap(features, samples, 2), Tensor.wrap(targets, samples), 2, List.of());
    }
}
