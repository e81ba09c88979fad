package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ActivationKernels} on the Vector API. The last partial vector is computed under a mask
 * rather than by a scalar loop, so every element goes through the same float formula wherever it
 * sits in the array. Loaded only when {@link VectorSupport#available()}. Stateless.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private VectorActivations() {
    }

    static void relu(float[] x, float[] y) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += LANES) {
            relu(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        if (i < x.length) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, x.length);
            relu(FloatVector.fromArray(SPECIES, x, i, valid)).intoArray(y, i, valid);
        }
    }

    static void reluGradient(float[] x, float[] dy, float[] dx) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += LANES) {
            FloatVector slope = reluSlope(FloatVector.fromArray(SPECIES, x, i));
            FloatVector.fromArray(SPECIES, dy, i).mul(slope).intoArray(dx, i);
        }
        if (i < x.length) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, x.length);
            FloatVector slope = reluSlope(FloatVector.fromArray(SPECIES, x, i, valid));
            FloatVector.fromArray(SPECIES, dy, i, valid).mul(slope).intoArray(dx, i, valid);
        }
    }

    static void sigmoid(float[] x, float[] y) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += LANES) {
            sigmoid(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        if (i < x.length) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, x.length);
            sigmoid(FloatVector.fromArray(SPECIES, x, i, valid)).intoArray(y, i, valid);
        }
    }

    static void tanh(float[] x, float[] y) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
        if (i < x.length) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, x.length);
            FloatVector.fromArray(SPECIES, x, i, valid).lanewise(VectorOperators.TANH).intoArray(y, i, valid);
        }
    }

    /** {@code x > 0 ? x : 0}, so NaN gives 0 as the scalar form does. */
    private static FloatVector relu(FloatVector v) {
        return ZERO.blend(v, v.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector reluSlope(FloatVector v) {
        return ZERO.blend(ONE, v.compare(VectorOperators.GT, 0f));
    }

    /** {@code e = exp(-|x|)}; {@code 1 / (1 + e)} for x >= 0 and {@code e / (1 + e)} below: nothing overflows. */
    private static FloatVector sigmoid(FloatVector v) {
        FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector numerator = e.blend(ONE, v.compare(VectorOperators.GE, 0f));
        return numerator.div(e.add(ONE));
    }
}
