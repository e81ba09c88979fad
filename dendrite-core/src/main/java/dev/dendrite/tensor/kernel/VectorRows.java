package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Short contiguous runs of floats: copies for the column matrix's rows ({@link Im2Col}), and a
 * convolution's output rows, their ReLU gradients and row sums ({@link Convolution}). For the copies:
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
    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

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
    /**
     * {@code target[t + i] = source[s + i] + bias}, through ReLU ({@code v > 0 ? v : 0}, as
     * {@link ActivationKernels#relu}) when {@code relu} is set: a convolution's output row. As a
     * vector select, not a branch, which mispredicts on half the elements: the scalar loop took
     * 4.0 ms where the copy alone took 1.2 ms for the first layer of the reference CNN.
     */
    static void addBias(float[] source, int s, float bias, float[] target, int t, int length, boolean relu) {
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, source, s + i).add(bias);
            (relu ? ZERO.blend(v, v.compare(VectorOperators.GT, 0f)) : v).intoArray(target, t + i);
        }
        if (i == length) {
            return;
        }
        if (s + i + LANES <= source.length && t + i + LANES <= target.length) {
            VectorMask<Float> rest = SPECIES.indexInRange(i, length);
            FloatVector v = FloatVector.fromArray(SPECIES, source, s + i, rest).add(bias);
            (relu ? ZERO.blend(v, v.compare(VectorOperators.GT, 0f)) : v).intoArray(target, t + i, rest);
            return;
        }
        for (; i < length; i++) {
            float v = source[s + i] + bias;
            target[t + i] = relu ? (v > 0 ? v : 0f) : v;
        }
    }

    /**
     * {@code target[t + i] = gradient[s + i] * (output[s + i] > 0 ? 1 : 0)}, the gradient through a
     * ReLU whose output was {@code output}, as {@link ActivationKernels#reluGradient} computes it.
     */
    static void reluGradient(float[] gradient, float[] output, int s, float[] target, int t, int length) {
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            FloatVector slope = ZERO.blend(ONE, FloatVector.fromArray(SPECIES, output, s + i)
                    .compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(SPECIES, gradient, s + i).mul(slope).intoArray(target, t + i);
        }
        if (i == length) {
            return;
        }
        if (s + i + LANES <= gradient.length && t + i + LANES <= target.length) {
            VectorMask<Float> rest = SPECIES.indexInRange(i, length);
            FloatVector slope = ZERO.blend(ONE, FloatVector.fromArray(SPECIES, output, s + i, rest)
                    .compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(SPECIES, gradient, s + i, rest).mul(slope).intoArray(target, t + i, rest);
            return;
        }
        for (; i < length; i++) {
            target[t + i] = gradient[s + i] * (output[s + i] > 0 ? 1f : 0f);
        }
    }
    /** {@code target[t + i] = output[s + i] > 0 ? 1 : 0}: the slope of a ReLU whose output was {@code output}. */
    static void reluSlope(float[] output, int s, float[] target, int t, int length) {
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            ZERO.blend(ONE, FloatVector.fromArray(SPECIES, output, s + i).compare(VectorOperators.GT, 0f))
                    .intoArray(target, t + i);
        }
        for (; i < length; i++) {
            target[t + i] = output[s + i] > 0 ? 1f : 0f;
        }
    }

    /**
     * The eight partial sums of {@code rows[start, start + length)} that {@link Convolution}'s bias
     * gradient keeps, element p into {@code partial[p mod 8]}, added to {@code partial}: one
     * 8-lane vector, so the same bits on every machine and as the scalar loop.
     */
    static void addEightLaneSums(float[] rows, int start, int length, float[] partial) {
        FloatVector sum = FloatVector.fromArray(EIGHT, partial, 0);
        int body = length & ~7;
        for (int p = 0; p < body; p += 8) {
            sum = sum.add(FloatVector.fromArray(EIGHT, rows, start + p));
        }
        sum.intoArray(partial, 0);
        for (int p = body; p < length; p++) {
            partial[p - body] += rows[start + p];
        }
    }
}
