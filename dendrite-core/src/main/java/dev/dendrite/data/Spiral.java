package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * The spiral data set of Stanford's CS231n notes: interleaved arms in the plane, one per class, that
 * no straight line separates.
 *
 * <p>For class {@code k} and point {@code i} of {@code n} per class:
 * <pre>
 *   r     = i / (n - 1)                                  (n evenly spaced radii in [0, 1])
 *   theta = 4k + 4r + noise * N(0, 1)
 *   x     = (r * sin(theta), r * cos(theta))
 * </pre>
 * Features {@code [classes * n, 2]}, targets {@code [classes * n]}; rows are grouped by class.
 * Stateless.
 */
public final class Spiral {
    private Spiral() {
    }

    /**
     * {@code pointsPerClass} points for each of {@code classes} arms; the angles get Gaussian noise
     * with standard deviation {@code noise} (CS231n uses 0.2), drawn from a generator seeded with
     * {@code seed}.
     */
    public static Dataset generate(int classes, int pointsPerClass, double noise, long seed) {
        Validate.argument(classes >= 1, "Spiral", "classes >= 1", classes);
        Validate.argument(pointsPerClass >= 1, "Spiral", "pointsPerClass >= 1", pointsPerClass);
        Validate.nonNegative(noise, "Spiral", "noise");
        Random random = new Random(seed);
        double[] radii = Linspace.of(0, 1, pointsPerClass);
        int n = classes * pointsPerClass;
        float[] features = new float[n * 2];
        float[] targets = new float[n];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < pointsPerClass; i++) {
                int row = k * pointsPerClass + i;
                double r = radii[i];
                double theta = 4 * k + 4 * r + noise * random.nextGaussian();
                features[2 * row] = (float) (r * Math.sin(theta));
                features[2 * row + 1] = (float) (r * Math.cos(theta));
                targets[row] = k;
            }
        }
        return new Dataset("spiral", Tensor.wrap(features, n, 2), Tensor.wrap(targets, n), classes, List.of());
    }
}
