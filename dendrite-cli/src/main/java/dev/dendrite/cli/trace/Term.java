package dev.dendrite.cli.trace;

/**
 * One input×weight term of a neuron's dot product.
 *
 * @param input  the input's index within the layer's input
 * @param x      the input value
 * @param weight the neuron's weight for that input
 */
public record Term(int input, float x, float weight) {
    /** {@code x · weight}, the term's contribution to the sum. */
    public double value() {
        return (double) x * weight;
    }
}
