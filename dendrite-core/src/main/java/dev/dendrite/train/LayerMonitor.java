package dev.dendrite.train;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Reduce;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches a model's layers while it trains: the gradient norm of each layer's parameters and, for
 * each ReLU layer with outputs {@code [N, units]} (after a dense layer), the fraction of units that
 * stayed at zero for every sample of the epoch (dead units, which no longer learn). A ReLU on image
 * feature maps is not watched: its units would be every pixel of every channel, reading them cost
 * a sixth of a convolutional network's training step, and unwatched, a convolution applies the
 * ReLU and pooling after it in one pass ({@link Sequential.LayerObserver#watches}). With
 * {@code checkNumerics} it also stops training at the first NaN or infinite layer output or
 * gradient, naming the layer, the epoch and the batch, and then watches every layer.
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
    /** The ReLU layers watched for dead units and their names, found from the first batch's shape. */
    private Map<Integer, String> denseRelus;
    /** The parameters in the model's order, their names and the index of their layer in {@link #layerNames}. */
    private Tensor[] parameters;
    private String[] parameterNames;
    private int[] parameterLayers;
    private String[] layerNames;
    /** This batch's sum of squared gradients per layer, and whether any parameter of the layer had one. */
    private double[] layerSquares;
    private boolean[] layerHasGradient;
    /** Per-unit sums of one ReLU output, reused across layers and batches. */
    private float[] columnSums = new float[0];

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
        Sequential sequential = (Sequential) model;
        if (denseRelus == null) {
            denseRelus = denseRelus(sequential, input.shape());
        }
        return sequential.forward(input, new Sequential.LayerObserver() {
            @Override
            public void afterLayer(int index, Module layer, Tensor output) {
                if (checkNumerics) {
                    check(output, "the output of layers." + index + " (" + layer + ")", epoch, batch);
                }
                String name = denseRelus.get(index);
                if (name != null) {
                    recordActivity(name, output);
                }
            }

            @Override
            public boolean watches(int index, Module layer) {
                return checkNumerics || denseRelus.containsKey(index);
            }
        });
    }

    /**
     * The ReLU layers whose outputs are {@code [N, units]} for inputs of {@code input}, by index,
     * with their names ({@code layers.<index>}).
     */
    private static Map<Integer, String> denseRelus(Sequential model, Shape input) {
        Map<Integer, String> indexes = new HashMap<>();
        List<Shape> shapes;
        try {
            shapes = model.layerOutputShapes(input);
        } catch (IllegalArgumentException e) {
            return indexes; // forward says what does not fit
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (model.layers().get(i) instanceof ReLU && shapes.get(i).rank() == 2) {
                indexes.put(i, "layers." + i);
            }
        }
        return indexes;
    }

    /** Adds this batch's per-layer gradient norms; checks the gradients when asked to. */
    void afterBackward(int epoch, int batch) {
        batches++;
        if (parameters == null) {
            indexParameters();
        }
        Arrays.fill(layerHasGradient, false);
        for (int i = 0; i < parameters.length; i++) {
            Tensor grad = parameters[i].grad();
            if (grad == null) {
                continue;
            }
            if (checkNumerics) {
                check(grad, "the gradient of " + parameterNames[i], epoch, batch);
            }
            int layer = parameterLayers[i];
            double squares = Reduce.sumOfSquares(grad.data());
            layerSquares[layer] = layerHasGradient[layer] ? layerSquares[layer] + squares : squares;
            layerHasGradient[layer] = true;
        }
        for (int layer = 0; layer < layerNames.length; layer++) {
            if (layerHasGradient[layer]) {
                gradientNorms.computeIfAbsent(layerNames[layer], k -> new double[1])[0] += Math.sqrt(layerSquares[layer]);
            }
        }
    }

    /**
     * Lists the parameters and their layers once: naming them walks the model and builds strings,
     * which for a small network took a tenth of each training step.
     */
    private void indexParameters() {
        Map<String, Tensor> named = model.namedParameters();
        Map<String, Integer> layers = new LinkedHashMap<>();
        parameters = new Tensor[named.size()];
        parameterNames = new String[named.size()];
        parameterLayers = new int[named.size()];
        int i = 0;
        for (Map.Entry<String, Tensor> entry : named.entrySet()) {
            parameters[i] = entry.getValue();
            parameterNames[i] = entry.getKey();
            parameterLayers[i] = layers.computeIfAbsent(layerOf(entry.getKey()), k -> layers.size());
            i++;
        }
        layerNames = layers.keySet().toArray(new String[0]);
        layerSquares = new double[layerNames.length];
        layerHasGradient = new boolean[layerNames.length];
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
        // A ReLU's outputs are 0 or more, so a unit fired on some row exactly when its column sums
        // above 0; summing columns a vector at a time is far cheaper than or-ing a flag per element.
        if (columnSums.length < units) {
            columnSums = new float[units];
        }
        float[] sums = columnSums;
        Reduce.sum(output.data(), 1, rows, units, sums);
        for (int u = 0; u < units; u++) {
            active[u] |= sums[u] > 0;
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
