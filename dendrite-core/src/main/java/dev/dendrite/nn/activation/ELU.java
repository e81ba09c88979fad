package dev.dendrite.nn.activation;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Exponential linear unit (Clevert, Unterthiner and Hochreiter, 2015):
 * {@code f(x) = x if x > 0 else alpha * (e^x - 1)}, and
 * {@code f'(x) = 1 if x > 0 else alpha * e^x}.
 *
 * <p>Negative inputs saturate smoothly at {@code -alpha}, which pushes mean activations toward
 * zero. The negative branch uses {@link Math#expm1} so that inputs just below 0 keep their
 * precision, and the derivative is {@code alpha * e^x} rather than {@code f(x) + alpha}, which
 * would cancel to rounding noise for very negative x. With the default {@code alpha = 1} the
 * function is differentiable at 0; the derivative there takes the left side's value. Shape: any;
 * the output has the input's shape. Immutable.
 *
 * <pre>{@code new ELU().forward(Tensor.vector(-1, 2))  // [-0.6321, 2]}</pre>
 */
public final class ELU extends ElementwiseActivation {
    /** How model files name and rebuild this activation with its hyperparameter. */
    public static final LayerType<ELU> TYPE = LayerType.of("elu", ELU.class, List.of("alpha"),
            layer -> LayerSpec.of("elu").with("alpha", layer.alpha()),
            (spec, random) -> new ELU(spec.real("alpha", ELU.DEFAULT_ALPHA)));

    /** The default saturation value, 1.0. */
    public static final float DEFAULT_ALPHA = 1.0f;

    private final float alpha;

    /** An ELU with {@code alpha = 1}. */
    public ELU() {
        this(DEFAULT_ALPHA);
    }

    /**
     * An ELU whose negative side saturates at {@code -alpha}; alpha must be finite and {@code >= 0}.
     *
     * @throws IllegalArgumentException if alpha is negative, NaN or infinite
     */
    public ELU(float alpha) {
        Validate.nonNegative(alpha, "ELU", "alpha");
        this.alpha = alpha;
    }

    /** The negative saturation value. */
    public float alpha() {
        return alpha;
    }

    @Override
    public float value(float x) {
        return x > 0 ? x : (float) (alpha * Math.expm1(x));
    }

    @Override
    public float derivative(float x, float y) {
        return x > 0 ? 1f : (float) (alpha * Math.exp(x));
    }

    @Override
    public String name() {
        return "elu";
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + alpha;
    }
}
