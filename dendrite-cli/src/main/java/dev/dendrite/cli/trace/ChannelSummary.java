package dev.dendrite.cli.trace;

/**
 * One channel of a layer's output (or the whole output when it has no channels): its smallest,
 * largest and mean value, and where the largest sits.
 *
 * @param channel  the channel's index, or -1 for a flat output
 * @param min      the smallest value
 * @param max      the largest value
 * @param mean     the mean value
 * @param argmax   the flat position of the largest value within the channel
 * @param size     the number of values in the channel
 */
public record ChannelSummary(int channel, float min, float max, double mean, int argmax, int size) {
    /** Summarises {@code values[from, from + size)}. */
    static ChannelSummary of(int channel, float[] values, int from, int size) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        int argmax = 0;
        for (int i = 0; i < size; i++) {
            float v = values[from + i];
            min = Math.min(min, v);
            if (v > max) {
                max = v;
                argmax = i;
            }
            sum += v;
        }
        return new ChannelSummary(channel, min, max, sum / size, argmax, size);
    }
}
