package dev.dendrite.cli.trace;

import java.util.List;

/**
 * One Dense neuron on one input: the article's {@code output = weights · inputs + bias}, then the
 * activation.
 *
 * @param neuron     the neuron's index within its layer
 * @param terms      the largest terms by magnitude, in input order
 * @param termCount  how many terms the dot product has in all
 * @param restSum    the sum of the terms not in {@code terms}
 * @param sum        the whole dot product, every term included
 * @param bias       the neuron's bias
 * @param z          the layer's output for this neuron, {@code sum + bias} as the network computed it
 * @param output     the activation's output, or {@code z} when no activation follows
 * @param mark       why this unit stands out (a dead ReLU, a saturated sigmoid), or null
 */
public record NeuronTrace(int neuron, List<Term> terms, int termCount, double restSum, double sum, float bias,
        float z, float output, String mark) {
    /** Copies the list so the record stays immutable. */
    public NeuronTrace {
        terms = List.copyOf(terms);
    }

    /** The number of terms left out of {@link #terms()}. */
    public int omitted() {
        return termCount - terms.size();
    }
}
