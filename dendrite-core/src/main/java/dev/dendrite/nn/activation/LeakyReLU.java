package dev.dendrite.nn.activation;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Leaky rectified linear unit: {@code f(x) = x if x > 0 else alpha * x}, and
 * {@code f'(x) = 1 if x > 0 else alpha}.
 *
 * <p>The small negative slope keeps a gradient flowing through units whose input is negative, so
 * they cannot "die" as ReLU units can. The default {@code alpha = 0.01} is the value of Maas et al.
 * (2013) and PyTorch's default. As with {@link ReLU}, the derivative at exactly 0 takes the left
 * side's value, {@code alpha}. Shape: any; the output has the input's shape. Immutable.
 *
 * <pre>{@code new LeakyReLU(0.1f).forward(Tensor.vector(-2, 3))  // [-0.2, 3]}</pre>
 */
public final class LeakyReLU extends ElementwiseActivation {
    /** How model files name and rebuild this activation with its hyperparameter. */
    public static final LayerType<LeakyReLU> TYPE = LayerType.of("leaky_relu", LeakyReLU.class, List.of("alpha"),
            layer -> LayerSpec.of("leaky_relu").with("alpha", layer.alpha()),
            (spec, random) -> new LeakyReLU(spec.real("alpha", LeakyReLU.DEFAULT_ALPHA)));

    /** The default negative slope, 0.01. */
    public static final float DEFAULT_ALPHA = 0.01f;

    private final float alpha;

    /** A leaky ReLU with the default slope {@code alpha = 0.01}. */
    public LeakyReLU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * A leaky ReLU with negative slope {@code alpha}, finite and {@code >= 0} (0 gives ReLU).
     *
     * @throws IllegalArgumentException if alpha is negative, NaN or infinite
     */
    public LeakyReLU(float alpha) {
        Validate.nonNegative(alpha, "LeakyReLU", "alpha");
        this.alpha = alpha;
    }

    /** The slope for negative inputs. */
    public float alpha() {
        return alpha;
    }

    @Override
    public float value(float x) {
        return x > 0 ? x : alpha * x;
    }

    @Override
    public float derivative(float x, float y) {
        return x > 0 ? 1f : alpha;
    }

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + alpha;
    }
}
