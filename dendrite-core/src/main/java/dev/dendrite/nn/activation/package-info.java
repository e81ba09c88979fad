/**
 * Activation functions, one class each: the non-linearity after a neuron's weighted sum.
 *
 * <p>Element-wise activations extend {@link dev.dendrite.nn.activation.ElementwiseActivation} and
 * write only {@code f(x)} and {@code f'(x)}; {@link dev.dendrite.nn.activation.Softmax}, which
 * mixes the elements of a row, is its own autograd op. {@link dev.dendrite.nn.activation.Activations}
 * maps the names used in model specs and files to activations.
 */
package dev.dendrite.nn.activation;
