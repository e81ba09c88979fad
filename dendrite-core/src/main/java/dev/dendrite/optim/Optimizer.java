package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * <p>{@link #state()} and {@link #loadState} copy that state out and back in, so a checkpoint can
 * resume training exactly where it stopped.
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

    /**
     * A copy of this optimizer's state (moments, step counts; not the learning rate) for a
     * checkpoint. An optimizer without state returns an empty one; optimizers with state override
     * this and {@link #loadState}.
     */
    public OptimizerState state() {
        return new OptimizerState(getClass().getSimpleName(), Map.of(), Map.of());
    }

    /**
     * Replaces this optimizer's state with a copy of {@code state}, taken by {@link #state()} from an
     * optimizer of the same class over parameters of the same sizes, so that the next
     * {@link #step()} does exactly what the saved optimizer's next step would have done.
     *
     * @throws IllegalArgumentException if the state is another optimizer's, has a key this optimizer
     *     does not know or lacks one it needs, or an array's length differs from its parameter's
     *     size; this optimizer is unchanged then
     */
    public void loadState(OptimizerState state) {
        checkState(state, List.of(), List.of(), List.of());
    }

    /**
     * Checks {@code state} before a subclass copies it in: it is this class's, every tensor key is
     * {@code <name>.<index>} of a known name with the parameter's length, each {@code required}
     * array and each count is there for every parameter, and counts are not negative.
     */
    protected final void checkState(OptimizerState state, List<String> required, List<String> optional,
            List<String> counts) {
        String op = getClass().getSimpleName() + ".loadState";
        Validate.argument(state.optimizer().equals(getClass().getSimpleName()), op,
                "the state of a " + getClass().getSimpleName(), "the state of a " + state.optimizer());
        for (Map.Entry<String, float[]> entry : state.tensors().entrySet()) {
            int index = keyIndex(entry.getKey(), required, optional, op);
            int size = parameters.get(index).size();
            Validate.argument(entry.getValue().length == size, op, "'" + entry.getKey() + "' of " + size
                    + " values (parameter " + index + " of shape " + parameters.get(index).shape() + ")",
                    entry.getValue().length + " values");
        }
        for (Map.Entry<String, Long> entry : state.counts().entrySet()) {
            keyIndex(entry.getKey(), counts, List.of(), op);
            Validate.argument(entry.getValue() >= 0 && entry.getValue() <= Integer.MAX_VALUE, op,
                    "'" + entry.getKey() + "' in [0, " + Integer.MAX_VALUE + "]", entry.getValue());
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (String name : required) {
                Validate.argument(state.tensors().containsKey(name + "." + i), op, "'" + name + "." + i + "'", "none");
            }
            for (String name : counts) {
                Validate.argument(state.counts().containsKey(name + "." + i), op, "'" + name + "." + i + "'", "none");
            }
        }
    }

    /** The parameter index of a key {@code <name>.<index>} whose name is one of {@code names}. */
    private int keyIndex(String key, List<String> names, List<String> moreNames, String op) {
        int dot = key.lastIndexOf('.');
        String name = dot < 0 ? key : key.substring(0, dot);
        int index = -1;
        try {
            index = dot < 0 ? -1 : Integer.parseInt(key.substring(dot + 1));
        } catch (NumberFormatException e) {
            // reported below as an unknown key
        }
        boolean known = (names.contains(name) || moreNames.contains(name)) && index >= 0 && index < parameters.size();
        List<String> all = new ArrayList<>(names);
        all.addAll(moreNames);
        Validate.argument(known, op, "keys <name>.<index> with a name in " + all + " and an index below "
                + parameters.size(), "'" + key + "'");
        return index;
    }

    /** The non-null {@code arrays} as {@code <name>.<index>} entries, for {@link #state()}. */
    protected static void putTensors(Map<String, float[]> into, String name, float[][] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                into.put(name + "." + i, arrays[i]);
            }
        }
    }

    /** Copies the arrays named {@code name} of a checked state into {@code arrays}; absent ones become null. */
    protected static void copyTensors(OptimizerState state, String name, float[][] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            float[] saved = state.tensors().get(name + "." + i);
            arrays[i] = saved == null ? null : saved.clone();
        }
    }

    /** The counts named {@code name} of a checked state, one per parameter. */
    protected static int[] readCounts(OptimizerState state, String name, int parameterCount) {
        int[] counts = new int[parameterCount];
        for (int i = 0; i < parameterCount; i++) {
            counts[i] = Math.toIntExact(state.counts().get(name + "." + i));
        }
        return counts;
    }

    /** The {@code counts} as {@code <name>.<index>} entries, for {@link #state()}. */
    protected static Map<String, Long> countEntries(String name, int[] counts) {
        Map<String, Long> entries = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            entries.put(name + "." + i, (long) counts[i]);
        }
        return entries;
    }
}
