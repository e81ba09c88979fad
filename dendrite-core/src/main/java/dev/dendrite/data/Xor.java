package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * The XOR problem: two binary inputs, class 1 when exactly one of them is 1. The classic example of
 * a set that needs a hidden layer.
 *
 * <pre>
 *   (0, 0) -> 0    (0, 1) -> 1    (1, 0) -> 1    (1, 1) -> 0
 * </pre>
 * Features {@code [N, 2]}, targets {@code [N]} holding classes 0 and 1. Stateless.
 */
public final class Xor {
    private static final float[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[] CLASSES = {0, 1, 1, 0};

    private Xor() {
    }

    /** The four corners above, in that order. */
    public static Dataset generate() {
        return generate(1, 0, 0);
    }

    /**
     * {@code samplesPerCorner} points around each corner, every coordinate moved by Gaussian noise
     * with standard deviation {@code noise}, drawn from a generator seeded with {@code seed}. Rows
     * are grouped by corner in the order above; each keeps its corner's class.
     */
    public static Dataset generate(int samplesPerCorner, double noise, long seed) {
        Validate.argument(samplesPerCorner >= 1, "Xor", "samplesPerCorner >= 1", samplesPerCorner);
        Validate.nonNegative(noise, "Xor", "noise");
        Random random = new Random(seed);
        int n = CORNERS.length * samplesPerCorner;
        float[] features = new float[n * 2];
        float[] targets = new float[n];
        for (int corner = 0; corner < CORNERS.length; corner++) {
            for (int i = 0; i < samplesPerCorner; i++) {
                int row = corner * samplesPerCorner + i;
                for (int axis = 0; axis < 2; axis++) {
                    double jitter = noise == 0 ? 0 : noise * random.nextGaussian();
                    features[2 * row + axis] = (float) (CORNERS[corner][axis] + jitter);
                }
                targets[row] = CLASSES[corner];
            }
        }
        return new Dataset("xor", Tensor.wrap(features, n, 2), Tensor.wrap(targets, n), 2, List.of());
    }
}
