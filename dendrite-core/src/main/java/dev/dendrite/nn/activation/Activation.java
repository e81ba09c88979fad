package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;

/**
 * A fixed non-linearity with no learnable parameters. Usable as a function on tensors
 * ({@code new ReLU().forward(x)}) and as a layer in a {@link dev.dendrite.nn.Sequential}.
 *
 * <p>Activations hold only their hyperparameters, which are fixed at construction, so an instance
 * is immutable and may be shared between layers and threads.
 */
public abstract class Activation extends Module {
    /**
     * The activation's name as used in model specs and files, such as {@code relu}; passing it to
     * {@link Activations#byName(String)} gives an activation that computes the same function when
     * the hyperparameters are the defaults.
     */
    public abstract String name();
}
