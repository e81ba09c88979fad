package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anything that maps a tensor to a tensor: a layer, an activation, a whole model.
 *
 * <p>A module owns its parameters (tensors that require a gradient) and its child modules, both by
 * name, so a model's parameters have dotted paths such as {@code layers.0.weight}. It is in
 * training mode until {@link #eval()} is called; only some modules (Dropout) behave differently.
 *
 * <p>Modules are mutable (their parameters change during training) and not thread-safe for
 * training. Concurrent {@link #forward} calls in evaluation mode under
 * {@link dev.dendrite.autograd.GradMode#noGrad()} are safe for the modules in this library.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes the module's output for {@code input}. */
    public abstract Tensor forward(Tensor input);

    /** Registers a parameter under {@code name}, marks it as requiring a gradient, and returns it. */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        Validate.argument(!parameters.containsKey(name) && !children.containsKey(name), getClass().getSimpleName(),
                "a new parameter name", "'" + name + "' twice");
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerChild(String name, M child) {
        Validate.argument(!parameters.containsKey(name) && !children.containsKey(name), getClass().getSimpleName(),
                "a new child name", "'" + name + "' twice");
        children.put(name, child);
        return child;
    }

    /** This module's own parameters, by name, in registration order (not its children's). */
    public final Map<String, Tensor> localParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The child modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, by dotted path, depth first. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collect("", all);
        return all;
    }

    private void collect(String prefix, Map<String, Tensor> into) {
        parameters.forEach((name, tensor) -> into.put(prefix + name, tensor));
        children.forEach((name, child) -> child.collect(prefix + name + ".", into));
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The total number of learnable values. */
    public final long parameterCount() {
        long count = 0;
        for (Tensor p : parameters()) {
            count += p.size();
        }
        return count;
    }

    /** Clears the gradients of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Switches this module and its descendants to training mode; returns this. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Switches this module and its descendants to evaluation mode; returns this. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean value) {
        training = value;
        children.values().forEach(child -> child.setTraining(value));
    }

    /** Whether the module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** A one-line description such as {@code Dense(in=784, out=256)}; containers override it. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
