package dev.dendrite.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link Optimizer} has learned besides the weights, for checkpoints: its per-parameter
 * arrays (moments, velocities) and counters (step counts), keyed {@code <name>.<parameterIndex>}
 * with the names PyTorch's state dicts use, for example {@code exp_avg.0}, {@code exp_avg_sq.0}
 * and {@code step.0} for Adam. An array that an optimizer allocates lazily (SGD's
 * {@code momentum_buffer}) is absent until the parameter's first step.
 *
 * <pre>{@code
 * OptimizerState saved = adam.state();
 * ...
 * freshAdam.loadState(saved);   // continues exactly where adam was
 * }</pre>
 *
 * <p>Immutable: the constructor copies every array and {@link #tensors()} hands out the copies
 * in an unmodifiable map, so callers must not write into the arrays it returns.
 *
 * @param optimizer the optimizer's class name ({@code Adam}); {@link Optimizer#loadState} refuses
 *                  a state of another kind
 * @param tensors   float arrays by key, each as long as its parameter
 * @param counts    counters by key
 */
public record OptimizerState(String optimizer, Map<String, float[]> tensors, Map<String, Long> counts) {
    /** Copies both maps and every array. */
    public OptimizerState {
        Map<String, float[]> copies = new LinkedHashMap<>();
        tensors.forEach((key, values) -> copies.put(key, values.clone()));
        tensors = Collections.unmodifiableMap(copies);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
