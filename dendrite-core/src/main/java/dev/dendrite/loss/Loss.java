package dev.dendrite.loss;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Objects;

/**
 * A loss: a scalar measure of how far a prediction is from its target, which training minimises.
 *
 * <p>{@link #compute} returns a one-element tensor; calling {@code backward()} on it fills in the
 * gradients of every parameter the prediction depends on:
 *
 * <pre>{@code
 * Tensor loss = new MSE().compute(model.forward(x), y);
 * loss.backward();
 * optimizer.step();
 * }</pre>
 *
 * <p>Subclasses hold only immutable settings, so a loss is thread-safe and may be shared.
 */
public abstract class Loss {
    private final Reduction reduction;

    /** A loss that reduces with {@code reduction}. */
    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /**
     * The loss of {@code prediction} against {@code target}, as a scalar tensor that supports
     * {@code backward()}.
     *
     * @throws IllegalArgumentException when the shapes do not fit together or the target holds
     *     values the loss cannot take
     */
    public abstract Tensor compute(Tensor prediction, Tensor target);

    /** The loss's name as the field writes it, used in messages ({@code MSE}, {@code CrossEntropy}). */
    public String name() {
        return getClass().getSimpleName();
    }

    /** How per-element values become one scalar. */
    public final Reduction reduction() {
        return reduction;
    }

    /** For example {@code MSE(reduction=MEAN)}. */
    @Override
    public String toString() {
        return name() + "(reduction=" + reduction + ")";
    }

    /** Checks that the target has exactly the prediction's shape and is not empty. */
    protected final void requireSameShape(Tensor prediction, Tensor target) {
        if (!target.shape().equals(prediction.shape())) {
            Validate.argument(false, name(), "target " + prediction.shape(), target.shape());
        }
        requireNonEmpty(prediction);
    }

    /** Checks that there is at least one element, since the mean of nothing is undefined. */
    protected final void requireNonEmpty(Tensor prediction) {
        Validate.argument(prediction.size() > 0, name(), "a non-empty prediction", prediction.shape());
    }

    /** Reduces a tensor of per-element losses with this loss's {@link Reduction}. */
    protected final Tensor reduce(Tensor perElement) {
        return reduction == Reduction.MEAN ? perElement.mean() : perElement.sum();
    }
}
