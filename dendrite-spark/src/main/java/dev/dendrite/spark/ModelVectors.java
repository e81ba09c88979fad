package dev.dendrite.spark;

import dev.dendrite.nn.Module;
import dev.dendrite.optim.OptimizerState;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's numbers as one flat float array and back: the parameters in {@code parameters()}
 * order, then the buffers in {@code namedBuffers()} order, then (for parameter averaging) the
 * optimizer's state arrays in sorted key order. This is how weights travel to executors and how
 * partitions' results are summed; the layout is fixed by the architecture, so the same model
 * gives the same layout in every JVM. Stateless.
 */
final class ModelVectors {
    private ModelVectors() {
    }

    /** The number of floats in the parameters plus the buffers. */
    static int modelLength(Module model) {
        int length = 0;
        for (Tensor tensor : tensors(model)) {
            length += tensor.size();
        }
        return length;
    }

    /** Parameters then buffers, copied into one array. */
    static float[] weights(Module model) {
        float[] out = new float[modelLength(model)];
        int at = 0;
        for (Tensor tensor : tensors(model)) {
            System.arraycopy(tensor.data(), 0, out, at, tensor.size());
            at += tensor.size();
        }
        return out;
    }

    /** Writes {@code values[from..]} into the parameters then the buffers, in place. */
    static void loadWeights(Module model, float[] values, int from, float scale) {
        int at = from;
        for (Tensor tensor : tensors(model)) {
            float[] data = tensor.data();
            for (int i = 0; i < data.length; i++) {
                data[i] = values[at + i] * scale;
            }
            at += data.length;
        }
    }

    /**
     * Each parameter's gradient times {@code scale} (zeros where there is none), then each buffer
     * times {@code scale}, into one array of {@link #modelLength} floats.
     */
    static float[] scaledGradients(Module model, float scale) {
        float[] out = new float[modelLength(model)];
        int at = 0;
        for (Tensor parameter : model.parameters()) {
            Tensor grad = parameter.grad();
            if (grad != null) {
                float[] g = grad.data();
                for (int i = 0; i < g.length; i++) {
                    out[at + i] = g[i] * scale;
                }
            }
            at += parameter.size();
        }
        for (Tensor buffer : model.namedBuffers().values()) {
            float[] b = buffer.data();
            for (int i = 0; i < b.length; i++) {
                out[at + i] = b[i] * scale;
            }
            at += b.length;
        }
        return out;
    }

    /**
     * Sets each parameter's gradient to {@code values[i] * scale} over the parameters' part of the
     * array, and each buffer to its part times {@code scale}.
     */
    static void setGradients(Module model, float[] values, float scale) {
        int at = 0;
        for (Tensor parameter : model.parameters()) {
            float[] g = new float[parameter.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = values[at + i] * scale;
            }
            parameter.zeroGrad();
            parameter.adoptGrad(Tensor.wrap(g, parameter.shape().dims()));
            at += g.length;
        }
        for (Tensor buffer : model.namedBuffers().values()) {
            float[] b = buffer.data();
            for (int i = 0; i < b.length; i++) {
                b[i] = values[at + i] * scale;
            }
            at += b.length;
        }
    }

    /** The optimizer state's arrays in sorted key order, as {@code keys} names them. */
    static String[] stateKeys(OptimizerState state) {
        return new TreeMap<>(state.tensors()).keySet().toArray(new String[0]);
    }

    /** The model's weights then the state's arrays (sorted by key), each element times {@code scale}. */
    static float[] weightsAndState(Module model, OptimizerState state, float scale) {
        float[] weights = weights(model);
        int length = weights.length;
        Map<String, float[]> sorted = new TreeMap<>(state.tensors());
        for (float[] array : sorted.values()) {
            length += array.length;
        }
        float[] out = new float[length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] * scale;
        }
        int at = weights.length;
        for (float[] array : sorted.values()) {
            for (int i = 0; i < array.length; i++) {
                out[at + i] = array[i] * scale;
            }
            at += array.length;
        }
        return out;
    }

    /**
     * The optimizer state read back from {@code values} after the model's part: {@code keys} in
     * order, each as long as its parameter ({@code <name>.<index>}), times {@code scale}.
     */
    static OptimizerState readState(Module model, String optimizer, float[] values, String[] keys, float scale,
                                    Map<String, Long> counts) {
        List<Tensor> parameters = model.parameters();
        int at = modelLength(model);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (String key : keys) {
            int index = Integer.parseInt(key.substring(key.lastIndexOf('.') + 1));
            float[] array = new float[parameters.get(index).size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = values[at + i] * scale;
            }
            tensors.put(key, array);
            at += array.length;
        }
        return new OptimizerState(optimizer, tensors, counts);
    }

    private static List<Tensor> tensors(Module model) {
        List<Tensor> all = new ArrayList<>(model.parameters());
        all.addAll(model.namedBuffers().values());
        return all;
    }
}
