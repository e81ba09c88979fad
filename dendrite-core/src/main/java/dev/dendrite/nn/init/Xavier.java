package dev.dendrite.nn.init;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/**
 * Xavier/Glorot initialisation (Glorot and Bengio, 2010), suited to tanh and sigmoid layers: it
 * keeps the variance of activations and gradients about equal across layers, with
 * {@code Var(w) = 2 / (fanIn + fanOut)}.
 * <ul>
 *   <li>uniform: {@code w ~ U(-a, a)}, {@code a = sqrt(6 / (fanIn + fanOut))}</li>
 *   <li>normal: {@code w ~ N(0, 2 / (fanIn + fanOut))}</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class Xavier implements Initializer {
    private final boolean uniform;

    private Xavier(boolean uniform) {
        this.uniform = uniform;
    }

    /** The uniform variant. */
    public static Xavier uniform() {
        return new Xavier(true);
    }

    /** The normal variant. */
    public static Xavier normal() {
        return new Xavier(false);
    }

    @Override
    public Tensor create(Random random, int fanIn, int fanOut, int... dims) {
        double variance = 2.0 / Math.max(1, fanIn + fanOut);
        if (uniform) {
            float limit = (float) Math.sqrt(3 * variance);
            return Tensor.uniform(random, -limit, limit, dims);
        }
        return Tensor.normal(random, 0f, (float) Math.sqrt(variance), dims);
    }

    @Override
    public String name() {
        return uniform ? "xavier_uniform" : "xavier_normal";
    }
}
