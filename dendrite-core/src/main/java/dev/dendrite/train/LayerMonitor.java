package dev.dendrite.train;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Reduce;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches a model's layers while it trains: the gradient norm of each layer's parameters and, for
 * each ReLU layer, the fraction of units that stayed at zero for every sample of the epoch (dead
 * units, which no longer learn). With {@code checkNumerics} it also stops training at the first
 * NaN or infinite layer output or gradient, naming the layer, the epoch and the batch.
 *
 * <p>Layers are visible only inside a {@link Sequential}; other models are run whole and get the
 * gradient figures only. Not thread-safe; one instance per run.
 */
final class LayerMonitor {
    private final Module model;
    private final boolean checkNumerics;
    private final Map<String, double[]> gradientNorms = new LinkedHashMap<>();
    private final Map<String, boolean[]> everActive = new LinkedHashMap<>();
    private int batches;

    LayerMonitor(Module model, boolean checkNumerics) {
        this.model = model;
        this.checkNumerics = checkNumerics;
    }

    /** The model's output for {@code input}, layer by layer so that each layer can be watched. */
    Tensor forward(Tensor input, int epoch, int batch) {
        if (!(model instanceof Sequential)) {
            Tensor output = model.forward(input);
            if (checkNumerics) {
                check(output, "the model's output", epoch, batch);
            }
            return output;
        }
        return ((Sequential) model).forward(input, (index, layer, output) -> {
            if (checkNumerics) {
                check(output, "the output of layers." + index + " (" + layer + ")", epoch, batch);
            }
            if (layer instanceof ReLU) {
                recordActivity("layers." + index, output);
            }
        });
    }

    /** Adds this batch's per-layer gradient norms; checks the gradients when asked to. */
    void afterBackward(int epoch, int batch) {
        batches++;
        Map<String, Double> squares = new LinkedHashMap<>();
        model.namedParameters().forEach((name, parameter) -> {
            if (parameter.grad() == null) {
                return;
            }
            if (checkNumerics) {
                check(parameter.grad(), "the gradient of " + name, epoch, batch);
            }
            squares.merge(layerOf(name), Reduce.sumOfSquares(parameter.grad().data()), Double::sum);
        });
        squares.forEach((layer, sum) -> gradientNorms.computeIfAbsent(layer, k -> new double[1])[0] += Math.sqrt(sum));
    }

    /** Puts the epoch's figures into {@code metrics} and starts counting afresh. */
    void endEpoch(Map<String, Double> metrics) {
        gradientNorms.forEach((layer, total) -> metrics.put("grad_norm." + layer, total[0] / Math.max(1, batches)));
        everActive.forEach((layer, active) -> {
            int dead = 0;
            for (boolean a : active) {
                dead += a ? 0 : 1;
            }
            metrics.put("dead_relu." + layer, (double) dead / Math.max(1, active.length));
        });
        gradientNorms.clear();
        everActive.clear();
        batches = 0;
    }

    /**
     * The epoch's figures so far as exact strings, for a checkpoint taken inside the epoch:
     * {@code batches}, {@code grad_norm.<layer>} (the running sum) and {@code active.<layer>} (one
     * {@code 0} or {@code 1} per unit), in the order the layers were first seen.
     */
    Map<String, String> runningState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("batches", Integer.toString(batches));
        gradientNorms.forEach((layer, total) -> state.put("grad_norm." + layer, Double.toString(total[0])));
        everActive.forEach((layer, active) -> {
            StringBuilder units = new StringBuilder(active.length);
            for (boolean a : active) {
                units.append(a ? '1' : '0');
            }
            state.put("active." + layer, units.toString());
        });
        return state;
    }

    /** Continues an epoch from {@link #runningState()}, so that its figures equal an uninterrupted epoch's. */
    void restoreRunningState(Map<String, String> state) {
        state.forEach((key, value) -> {
            if (key.equals("batches")) {
                batches = Integer.parseInt(value);
            } else if (key.startsWith("grad_norm.")) {
                gradientNorms.put(key.substring("grad_norm.".length()), new double[] {Double.parseDouble(value)});
            } else if (key.startsWith("active.")) {
                boolean[] active = new boolean[value.length()];
                for (int i = 0; i < active.length; i++) {
                    active[i] = value.charAt(i) == '1';
                }
                everActive.put(key.substring("active.".length()), active);
            }
        });
    }

    private void recordActivity(String layer, Tensor output) {
        int rows = output.shape().dim(0);
        int units = output.size() / Math.max(1, rows);
        boolean[] active = everActive.computeIfAbsent(layer, k -> new boolean[units]);
        if (active.length != units) {
            return;
        }
        float[] y = output.data();
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < units; u++) {
                active[u] |= y[r * units + u] > 0;
            }
        }
    }

    /** Callers test {@code checkNumerics} first, so the description is built only when it is used. */
    private static void check(Tensor tensor, String what, int epoch, int batch) {
        float[] values = tensor.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalStateException("numerics check: " + what + " has " + values[i] + " at element " + i
                        + " of " + tensor.shape() + ", epoch " + epoch + ", batch " + batch);
            }
        }
    }

    /** {@code layers.0.weight} belongs to layer {@code layers.0}; a top-level parameter to itself. */
    private static String layerOf(String parameterName) {
        int dot = parameterName.lastIndexOf('.');
        return dot < 0 ? parameterName : parameterName.substring(0, dot);
    }
}
