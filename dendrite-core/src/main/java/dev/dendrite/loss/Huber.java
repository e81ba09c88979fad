package dev.dendrite.loss;

import dev.dendrite.autograd.Elementwise;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Huber loss: quadratic for small errors, linear for large ones. With {@code d = prediction - target}:
 *
 * <pre>
 * huber(d) = 0.5 d^2                    if |d| &lt;= delta
 *          = delta (|d| - 0.5 delta)    otherwise
 * </pre>
 *
 * averaged over all elements ({@link Reduction#MEAN}, the default) or summed. The two pieces meet
 * with equal value and slope at {@code |d| = delta}, so the gradient, {@code d} inside and
 * {@code delta sign(d)} outside, is continuous; it is bounded by {@code delta}, which is why Huber
 * tolerates outliers that would dominate {@link MSE}. Default {@code delta = 1.0}, as in PyTorch.
 *
 * <p>Immutable and thread-safe.
 */
public final class Huber extends Loss {
    private final float delta;

    /** With {@code delta = 1.0} and {@link Reduction#MEAN}. */
    public Huber() {
        this(1.0);
    }

    /** With the given {@code delta > 0} and {@link Reduction#MEAN}. */
    public Huber(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** With the given {@code delta > 0} and reduction. */
    public Huber(double delta, Reduction reduction) {
        super(reduction);
        Validate.positive(delta, "Huber", "delta");
        this.delta = (float) delta;
    }

    /** The point where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        return reduce(prediction.sub(target).map("huber", new Elementwise.Formula() {
            public float value(float d) {
                float size = Math.abs(d);
                return size <= delta ? 0.5f * d * d : delta * (size - 0.5f * delta);
            }

            public float derivative(float d, float y) {
                return Math.abs(d) <= delta ? d : delta * Math.signum(d);
            }
        }));
    }

    /** For example {@code Huber(delta=1.0, reduction=MEAN)}. */
    @Override
    public String toString() {
        return "Huber(delta=" + delta + ", reduction=" + reduction() + ")";
    }
}
