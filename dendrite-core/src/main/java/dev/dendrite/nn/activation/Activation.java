package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;

/**
 * A fixed non-linearity with no parameters. Usable as a function on tensors
 * ({@code new ReLU().forward(x)}) and as a layer in a {@link dev.dendrite.nn.Sequential}.
 */
public abstract class Activation extends Module {
    /** The activation's name as used in model specs and files, such as {@code relu}. */
    public abstract String name();
}
