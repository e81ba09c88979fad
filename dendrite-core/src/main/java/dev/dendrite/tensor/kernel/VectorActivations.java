package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ActivationKernels} on the Vector API. The last partial vector is computed in a zero-padded
 * copy rather than by a scalar loop, so every element goes through the same float formula wherever
 * it sits in the array. (Not under a mask: a masked load or store reaching past the array's end is
 * checked lane by lane in plain Java, which cost more than the rest of a small layer's activation.)
 * Loaded only when {@link VectorSupport#available()}. Stateless.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private VectorActivations() {
    }

    static void relu(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            relu(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        if (i < to) {
            storeTail(relu(loadTail(x, i, to)), y, i, to);
        }
    }

    static void reluGradient(float[] x, float[] dy, float[] dx, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            FloatVector slope = reluSlope(FloatVector.fromArray(SPECIES, x, i));
            FloatVector.fromArray(SPECIES, dy, i).mul(slope).intoArray(dx, i);
        }
        if (i < to) {
            storeTail(loadTail(dy, i, to).mul(reluSlope(loadTail(x, i, to))), dx, i, to);
        }
    }

    static void sigmoid(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            sigmoid(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        if (i < to) {
            storeTail(sigmoid(loadTail(x, i, to)), y, i, to);
        }
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
            tanh(FloatVector.fromArray(SPECIES, x, i)).intoArray(y, i);
        }
        if (i < to) {
            storeTail(tanh(loadTail(x, i, to)), y, i, to);
        }
    }

    /** The elements of {@code x} from {@code i} to {@code to} (fewer than a vector's lanes), zeros after. */
    private static FloatVector loadTail(float[] x, int i, int to) {
        float[] padded = new float[LANES];
        System.arraycopy(x, i, padded, 0, to - i);
        return FloatVector.fromArray(SPECIES, padded, 0);
    }

    /** Stores the first {@code to - i} lanes of {@code v} into {@code y} from {@code i}. */
    private static void storeTail(FloatVector v, float[] y, int i, int to) {
        float[] padded = new float[LANES];
        v.intoArray(padded, 0);
        System.arraycopy(padded, 0, y, i, to - i);
    }

    /** {@code x > 0 ? x : 0}, so NaN gives 0 as the scalar form does. */
    private static FloatVector relu(FloatVector v) {
        return ZERO.blend(v, v.compare(VectorOperators.GT, 0f));
    }

    private static FloatVector reluSlope(FloatVector v) {
        return ZERO.blend(ONE, v.compare(VectorOperators.GT, 0f));
    }

    /** {@link FloatMath#sigmoid}, a vector at a time, with the same operations in the same order. */
    private static FloatVector sigmoid(FloatVector v) {
        FloatVector e = expNonPositive(v.abs().neg());
        FloatVector numerator = e.blend(ONE, v.compare(VectorOperators.GE, 0f));
        return numerator.div(e.add(ONE));
    }

    /** {@link FloatMath#tanh}: both branches for every lane, then each lane takes its own. */
    private static FloatVector tanh(FloatVector v) {
        FloatVector magnitude = v.abs();
        FloatVector t = expNonPositive(magnitude.mul(-2f));
        FloatVector far = ONE.sub(t).div(ONE.add(t));
        far = far.blend(far.neg(), v.compare(VectorOperators.LT, 0f));
        FloatVector s = v.mul(v);
        FloatVector p = FloatVector.broadcast(SPECIES, FloatMath.TANH_POLYNOMIAL[0]);
        for (int i = 1; i < FloatMath.TANH_POLYNOMIAL.length; i++) {
            p = p.fma(s, FloatVector.broadcast(SPECIES, FloatMath.TANH_POLYNOMIAL[i]));
        }
        FloatVector near = p.mul(s).fma(v, v);
        return near.blend(far, magnitude.compare(VectorOperators.GE, FloatMath.TANH_SWITCH));
    }

    /** {@link FloatMath#expNonPositive}, a vector at a time, with the same operations in the same order. */
    private static FloatVector expNonPositive(FloatVector x) {
        FloatVector clamped = x.lanewise(VectorOperators.MAX, FloatMath.MIN_EXPONENT_ARGUMENT);
        FloatVector n = clamped.fma(FloatMath.LOG2E, FloatMath.ROUNDER).sub(FloatMath.ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -FloatMath.LN2_HIGH), clamped);
        r = n.fma(FloatVector.broadcast(SPECIES, -FloatMath.LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(SPECIES, FloatMath.EXP_POLYNOMIAL[0]);
        for (int i = 1; i < FloatMath.EXP_POLYNOMIAL.length; i++) {
            p = p.fma(r, FloatVector.broadcast(SPECIES, FloatMath.EXP_POLYNOMIAL[i]));
        }
        p = p.fma(r.mul(r), r).add(ONE);
        IntVector exponent = (IntVector) n.convert(VectorOperators.F2I, 0);
        FloatVector scale = exponent.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale).blend(ZERO, x.compare(VectorOperators.LT, FloatMath.MIN_EXPONENT_ARGUMENT));
    }
}
