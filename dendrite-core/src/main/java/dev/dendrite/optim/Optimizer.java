package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of parameters from their gradients. A training step reads:
 *
 * <pre>{@code
 * optimizer.zeroGrad();
 * loss.compute(model.forward(x), y).backward();
 * optimizer.step();
 * }</pre>
 *
 * <p>{@link #step()} changes each parameter's {@code data()} in place; a parameter whose
 * {@code grad()} is {@code null} (it took no part in the loss) is skipped and its state left alone.
 * Optimizer state (moments, velocities) is kept as one {@code float[]} per parameter, the same size
 * as the parameter.
 *
 * <p>Optimizers are mutable and not thread-safe: one optimizer belongs to one training loop.
 */
public abstract class Optimizer {
    private final List<Tensor> parameters;
    private double learningRate;

    /**
     * An optimizer over {@code parameters} with the given learning rate.
     *
     * @throws IllegalArgumentException when the list is empty, holds a tensor twice, holds a tensor
     *     that does not require a gradient or is not a leaf, or the learning rate is negative
     */
    protected Optimizer(List<Tensor> parameters, double learningRate) {
        String op = getClass().getSimpleName();
        Validate.argument(!parameters.isEmpty(), op, "at least one parameter", "an empty list");
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor parameter = parameters.get(i);
            Validate.argument(parameter != null, op, "parameters, not null", "null at index " + i);
            Integer first = seen.put(parameter, i);
            Validate.argument(first == null, op, "each parameter once",
                    "the same tensor at indices " + first + " and " + i);
            Validate.argument(parameter.requiresGrad() && parameter.creator() == null, op,
                    "leaf tensors that require a gradient (module parameters)",
                    "parameter " + i + " of shape " + parameter.shape()
                            + (parameter.creator() == null ? " without requiresGrad" : " computed by "
                            + parameter.creator().name()));
        }
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        setLearningRate(learningRate);
    }

    /** Updates every parameter that has a gradient, in place. */
    public final void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Tensor parameter = parameters.get(i);
            Tensor grad = parameter.grad();
            if (grad != null) {
                update(i, parameter.data(), grad.data());
            }
        }
    }

    /**
     * Updates parameter {@code index} in place from its gradient. Called by {@link #step()} once per
     * parameter that has a gradient; {@code parameter} and {@code grad} have the same length.
     */
    protected abstract void update(int index, float[] parameter, float[] grad);

    /** Forgets every parameter's gradient, ready for the next {@code backward()}. */
    public final void zeroGrad() {
        for (Tensor parameter : parameters) {
            parameter.zeroGrad();
        }
    }

    /** The parameters, in the order given (unmodifiable). */
    public final List<Tensor> parameters() {
        return parameters;
    }

    /** The current learning rate. */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate for the following steps (schedules call this); must be finite and &gt;= 0. */
    public final void setLearningRate(double learningRate) {
        Validate.nonNegative(learningRate, getClass().getSimpleName(), "learningRate");
        this.learningRate = learningRate;
    }

    /** A zero-filled state array for each parameter, for subclasses' moments. */
    protected final float[][] newState() {
        float[][] state = new float[parameters.size()][];
        for (int i = 0; i < state.length; i++) {
            state[i] = new float[parameters.get(i).size()];
        }
        return state;
    }
}
