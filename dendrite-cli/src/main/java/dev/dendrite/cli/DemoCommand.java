package dev.dendrite.cli;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Neuron;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks through the article's forward pass — a neuron, a ReLU, a layer of three neurons, a batch,
 * two stacked layers — computing every number with the library.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Compute the article's neuron, layer and two-layer forward pass with Dendrite.",
        footer = {"", "Example:", "  dendrite demo"})
final class DemoCommand implements Runnable {
    static final float[] INPUTS = {4f, 9f, 2f, 1.3f, 5.6f};
    static final float[][] LAYER_WEIGHTS = {
        {0.78f, -0.34f, 0.7f, -0.2f, -0.11f},
        {-0.24f, 1.24f, 0.43f, 0.04f, -0.3f},
        {0.5f, 0.65f, -0.3f, 0.64f, 0.1f},
    };
    static final float[] LAYER_BIASES = {1.3f, -0.5f, 2.4f};
    static final float[][] BATCH = {
        {4f, 9f, 2f, 1.3f, 5.6f},
        {1f, -2f, 3.5f, 0.5f, 2f},
        {-1.5f, 2.7f, 3.3f, -0.8f, 1f},
    };
    static final float[][] SECOND_WEIGHTS = {
        {0.1f, -0.14f, 0.5f},
        {-0.5f, 0.12f, -0.33f},
    };
    static final float[] SECOND_BIASES = {-1f, 2f};

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Neuron neuron = new Neuron(LAYER_WEIGHTS[0], LAYER_BIASES[0]);
        out.println("A neuron: output = weights · inputs + bias");
        out.println("  inputs  = " + Arrays.toString(INPUTS));
        out.println("  weights = " + Arrays.toString(LAYER_WEIGHTS[0]));
        out.println("  bias    = " + LAYER_BIASES[0]);
        out.println("  output  = " + fmt(neuron.output(INPUTS)));
        out.println("  ReLU(output) = " + fmt(new ReLU().forward(Tensor.scalar(neuron.output(INPUTS))).item()));
        out.println();

        Dense layer = Dense.fromNeuronRows(LAYER_WEIGHTS, LAYER_BIASES);
        out.println("A layer of three neurons: outputs = inputs · W + biases");
        for (int i = 0; i < LAYER_WEIGHTS.length; i++) {
            out.println("  neuron " + (i + 1) + " weights = " + Arrays.toString(LAYER_WEIGHTS[i]));
        }
        out.println("  biases  = " + Arrays.toString(LAYER_BIASES));
        Tensor layerOut = layer.forward(Tensor.vector(INPUTS));
        out.println("  outputs = " + fmt(layerOut.data()));
        out.println("  ReLU    = " + fmt(new ReLU().forward(layerOut).data()));
        out.println();

        Tensor batch = Tensor.matrix(BATCH);
        out.println("A batch of " + BATCH.length + " inputs gives one row of outputs per input:");
        printRows(out, "  inputs ", BATCH);
        printRows(out, "  outputs", rows(layer.forward(batch)));
        out.println();

        Dense second = Dense.fromNeuronRows(SECOND_WEIGHTS, SECOND_BIASES);
        Sequential network = new Sequential(layer, new ReLU(), second);
        out.println("Two layers: the first layer's output matrix is the second layer's input");
        printRows(out, "  second layer weights", SECOND_WEIGHTS);
        out.println("  second layer biases = " + Arrays.toString(SECOND_BIASES));
        out.println("  network = " + network.toString().replace("\n", "\n  "));
        printRows(out, "  outputs", rows(network.forward(batch)));
    }

    private static float[][] rows(Tensor matrix) {
        int n = matrix.shape().dim(0);
        float[][] rows = new float[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = matrix.sliceRows(r, r + 1).toArray();
        }
        return rows;
    }

    private static void printRows(PrintWriter out, String label, float[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            out.println((r == 0 ? label : " ".repeat(label.length())) + " " + fmt(rows[r]));
        }
    }

    static String fmt(float value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String fmt(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(fmt(values[i]));
        }
        return s.append(']').toString();
    }
}
