package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AdamUpdate} on the Vector API: the same operations in the same order as the scalar loop,
 * one vector of elements at a time, with a blend in place of the flush's branch. Loaded only when
 * {@link VectorSupport#available()}. Stateless.
 */
final class VectorAdamUpdate {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorAdamUpdate() {
    }

    /** Updates elements {@code [from, to)}. */
    static void apply(float[] p, float[] grad, float[] m, float[] v, int from, int to,
                      float beta1, float keep1, float beta2, float keep2,
                      float stepSize, float rootCorrection2, float eps, float decay, float shrink) {
        int bound = from + SPECIES.loopBound(to - from);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = from; i < bound; i += SPECIES.length()) {
            FloatVector pi = FloatVector.fromArray(SPECIES, p, i);
            FloatVector g = FloatVector.fromArray(SPECIES, grad, i).add(pi.mul(decay));
            FloatVector mi = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(g.mul(keep1));
            FloatVector vi = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(g.mul(keep2).mul(g));
            mi = mi.blend(zero, mi.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            vi = vi.blend(zero, vi.compare(VectorOperators.LT, Float.MIN_NORMAL));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denominator = vi.sqrt().div(rootCorrection2).add(eps);
            pi.mul(shrink).sub(mi.mul(stepSize).div(denominator)).intoArray(p, i);
        }
        AdamUpdate.scalar(p, grad, m, v, bound, to, beta1, keep1, beta2, keep2, stepSize, rootCorrection2,
                eps, decay, shrink);
    }
}
