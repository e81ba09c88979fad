package dev.dendrite.nn.init;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/**
 * He/Kaiming initialisation (He et al., 2015), suited to ReLU layers: ReLU zeroes half of its
 * inputs, so the variance is doubled to compensate, {@code Var(w) = 2 / fanIn}.
 * <ul>
 *   <li>uniform: {@code w ~ U(-a, a)}, {@code a = sqrt(6 / fanIn)}</li>
 *   <li>normal: {@code w ~ N(0, 2 / fanIn)}</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class He implements Initializer {
    private final boolean uniform;

    private He(boolean uniform) {
        this.uniform = uniform;
    }

    /** The uniform variant. */
    public static He uniform() {
        return new He(true);
    }

    /** The normal variant. */
    public static He normal() {
        return new He(false);
    }

    @Override
    public Tensor create(Random random, int fanIn, int fanOut, int... dims) {
        double variance = 2.0 / Math.max(1, fanIn);
        if (uniform) {
            float limit = (float) Math.sqrt(3 * variance);
            return Tensor.uniform(random, -limit, limit, dims);
        }
        return Tensor.normal(random, 0f, (float) Math.sqrt(variance), dims);
    }

    @Override
    public String name() {
        return uniform ? "he_uniform" : "he_normal";
    }
}
