package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies of short contiguous runs of floats, for the column matrix's rows ({@link Im2Col}):
 * a 3x3 convolution over a 13x13 image moves runs of 11 floats, too short for the JIT's vector
 * loops or for {@code System.arraycopy} to pay its call. Whole vectors first, then the rest under
 * a mask, which stays one instruction while the whole vector lies inside both arrays; a run at
 * the very end of an array finishes element by element instead (a masked access reaching past
 * the end is checked lane by lane in plain Java). Loaded only when {@link VectorSupport#available()}.
 *
 * <p>Not used for col2im's adds: there a masked add ran 20-35% slower than the JIT's scalar loop
 * (the reference CNN's input gradient, 2.9 -> 4.0 ms per step on two threads).
 */
final class VectorRows {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRows() {
    }

    /** {@code target[t + i] = source[s + i]} for {@code i < length}. */
    static void copy(float[] source, int s, float[] target, int t, int length) {
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            FloatVector.fromArray(SPECIES, source, s + i).intoArray(target, t + i);
        }
        if (i == length) {
            return;
        }
        if (s + i + LANES <= source.length && t + i + LANES <= target.length) {
            VectorMask<Float> rest = SPECIES.indexInRange(i, length);
            FloatVector.fromArray(SPECIES, source, s + i, rest).intoArray(target, t + i, rest);
            return;
        }
        for (; i < length; i++) {
            target[t + i] = source[s + i];
        }
    }
}
