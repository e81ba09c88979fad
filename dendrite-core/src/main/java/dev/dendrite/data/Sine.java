package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Random;

/**
 * A one-dimensional regression set: {@code y = sin(x) + noise * N(0, 1)} with {@code x} uniform in
 * {@code [-pi, pi]}.
 *
 * <p>Features {@code [samples, 1]}, targets {@code [samples, 1]}. Stateless.
 */
public final class Sine {
    private Sine() {
    }

    /**
     * {@code samples} points; for each, {@code x} and then the noise are drawn from one generator
     * seeded with {@code seed}. {@code noise} is the standard deviation of the added Gaussian noise.
     */
    public static Dataset generate(int samples, double noise, long seed) {
        Validate.argument(samples >= 1, "Sine", "samples >= 1", samples);
        Validate.nonNegative(noise, "Sine", "noise");
        Random random = new Random(seed);
        float[] features = new float[samples];
        float[] targets = new float[samples];
        for (int i = 0; i < samples; i++) {
            double x = -Math.PI + 2 * Math.PI * random.nextDouble();
            features[i] = (float) x;
            targets[i] = (float) (Math.sin(x) + noise * random.nextGaussian());
        }
        return new Dataset("sine", Tensor.wrap(features, samples, 1), Tensor.wrap(targets, samples, 1), 0, List.of());
    }
}
