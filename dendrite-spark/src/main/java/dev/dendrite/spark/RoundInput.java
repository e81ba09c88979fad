package dev.dendrite.spark;

import java.io.Serializable;
import java.util.HashMap;

/**
 * The driver's state at the start of a round, broadcast to the partitions: the weights and buffers
 * (then, for parameter averaging, the optimizer's state arrays, laid out as {@link ModelVectors}
 * says), the optimizer's step counts, and where the run is. Immutable; the array is never written.
 *
 * @param vector    weights, buffers and (average mode) optimizer arrays
 * @param stateKeys the optimizer-state keys laid out after the weights, in order
 * @param counts    the optimizer's counters
 * @param epoch     the epoch, counting from 0
 * @param step      sync: the global batch within the epoch; average: the round within the epoch
 * @param round     rounds done before this one in the whole run
 */
record RoundInput(float[] vector, String[] stateKeys, HashMap<String, Long> counts, int epoch, int step, long round)
        implements Serializable {
}
