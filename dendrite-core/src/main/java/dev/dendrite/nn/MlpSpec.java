package dev.dendrite.nn;

import dev.dendrite.nn.activation.Activation;
import dev.dendrite.nn.activation.Activations;
import dev.dendrite.nn.init.Constant;
import dev.dendrite.nn.init.He;
import dev.dendrite.nn.init.Initializer;
import dev.dendrite.nn.init.Xavier;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.Random;

/**
 * A multi-layer perceptron written as text: {@code mlp:784-256-128-10:relu} is Dense layers
 * 784→256→128→10 with ReLU after each hidden layer and a linear output;
 * {@code mlp:1-32-32-16-16-1:sigmoid:tanh} adds an output activation.
 *
 * <p>Hidden layers of the ReLU family get He-uniform weights, others Xavier-uniform (the
 * initialisers those activations were derived for); biases start at zero. Immutable.
 *
 * @param sizes            layer widths, input first
 * @param hiddenActivation activation name after each hidden layer
 * @param outputActivation activation name after the last layer, or {@code null} for linear
 */
public record MlpSpec(int[] sizes, String hiddenActivation, String outputActivation) {
    /** Validates the widths and activation names. */
    public MlpSpec {
        sizes = sizes.clone();
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw Validate.fail("mlp spec", "at least two positive layer widths such as 784-128-10", sizes);
        }
        Activations.byName(hiddenActivation);
        if (outputActivation != null) {
            Activations.byName(outputActivation);
        }
    }

    /** Parses {@code mlp:W0-W1-...-Wn:hidden[:output]}. */
    public static MlpSpec parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 4 || !parts[0].equals("mlp")) {
            throw Validate.fail("model spec", "mlp:IN-HIDDEN...-OUT[:activation[:output]] such as "
                    + "mlp:64-32-10:relu", "'" + text + "'");
        }
        int[] sizes;
        try {
            sizes = Arrays.stream(parts[1].split("-")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model spec: expected layer widths separated by '-', got '"
                    + parts[1] + "' in '" + text + "'", e);
        }
        String hidden = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : "relu";
        String output = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
        return new MlpSpec(sizes, hidden, output);
    }

    /** Builds the network with weights drawn from {@code random}. */
    public Sequential build(Random random) {
        Sequential model = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean last = i + 2 == sizes.length;
            String activation = last ? outputActivation : hiddenActivation;
            Initializer init = activation != null && activation.contains("relu") ? He.uniform() : Xavier.uniform();
            model.add(new Dense(sizes[i], sizes[i + 1], init, Constant.zeros(), random));
            if (activation != null) {
                Activation layer = Activations.byName(activation);
                model.add(layer);
            }
        }
        return model;
    }

    /** The input width. */
    public int inputs() {
        return sizes[0];
    }

    /** The output width. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** The spec text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("mlp:");
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        out.append(':').append(hiddenActivation);
        return outputActivation == null ? out.toString() : out.append(':').append(outputActivation).toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MlpSpec && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
