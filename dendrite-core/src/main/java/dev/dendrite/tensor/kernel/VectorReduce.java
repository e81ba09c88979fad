package dev.dendrite.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD bodies of {@link Reduce#sumOfSquares} and {@link Reduce#sum}. Loaded only when
 * {@link VectorSupport#available()}. In the sum of squares, each run of 64 elements is covered by
 * four 16-lane or eight 8-lane vectors, so element i always lands in partial sum {@code i mod 64}
 * and the figures do not depend on the vector width.
 *
 * <p>It uses the preferred species like every other kernel: a second, narrower species in the
 * same JVM (we tried 256-bit vectors here on a 512-bit machine) made JDK 17's C2 box the vectors
 * of the matrix-product kernels, and training ran 10-20 times slower. Stateless.
 */
final class VectorReduce {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorReduce() {
    }

    /** Whether this machine's vectors divide a run of 64 into four or eight. */
    static boolean supported() {
        return LANES == 16 || LANES == 8;
    }

    /** Adds {@code x[i]²} into {@code partial[i mod 64]} for i below {@code body}, a multiple of 64. */
    static void sumsOfSquares(float[] x, int body, float[] partial) {
        if (LANES == 16) {
            sixteenLanes(x, body, partial);
        } else {
            eightLanes(x, body, partial);
        }
    }

    /**
     * Sums of {@code x[base + l·inner + j]} over l in order from zero into
     * {@code out[outBase + j]}, for the whole vectors of j from 0: four, two or one vectors of sums
     * at a time stay in registers for the whole axis, so several chains of additions overlap.
     * Returns how many j it covered; the caller sums the rest.
     */
    static int sumAlongAxis(float[] x, int base, int length, int inner, float[] out, int outBase) {
        int j = 0;
        for (; j + 4 * LANES <= inner; j += 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int l = 0, row = base + j; l < length; l++, row += inner) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, x, row));
                s1 = s1.add(FloatVector.fromArray(SPECIES, x, row + LANES));
                s2 = s2.add(FloatVector.fromArray(SPECIES, x, row + 2 * LANES));
                s3 = s3.add(FloatVector.fromArray(SPECIES, x, row + 3 * LANES));
            }
            s0.intoArray(out, outBase + j);
            s1.intoArray(out, outBase + j + LANES);
            s2.intoArray(out, outBase + j + 2 * LANES);
            s3.intoArray(out, outBase + j + 3 * LANES);
        }
        for (; j + 2 * LANES <= inner; j += 2 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            for (int l = 0, row = base + j; l < length; l++, row += inner) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, x, row));
                s1 = s1.add(FloatVector.fromArray(SPECIES, x, row + LANES));
            }
            s0.intoArray(out, outBase + j);
            s1.intoArray(out, outBase + j + LANES);
        }
        for (; j + LANES <= inner; j += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int l = 0, row = base + j; l < length; l++, row += inner) {
                s = s.add(FloatVector.fromArray(SPECIES, x, row));
            }
            s.intoArray(out, outBase + j);
        }
        return j;
    }

    private static void sixteenLanes(float[] x, int body, float[] partial) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int i = 0; i < body; i += Reduce.PARTIAL_SUMS) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, i + 16);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, i + 32);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, i + 48);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
        }
        s0.intoArray(partial, 0);
        s1.intoArray(partial, 16);
        s2.intoArray(partial, 32);
        s3.intoArray(partial, 48);
    }

    private static void eightLanes(float[] x, int body, float[] partial) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int i = 0; i < body; i += Reduce.PARTIAL_SUMS) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, i + 8);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, i + 16);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, i + 24);
            FloatVector v4 = FloatVector.fromArray(SPECIES, x, i + 32);
            FloatVector v5 = FloatVector.fromArray(SPECIES, x, i + 40);
            FloatVector v6 = FloatVector.fromArray(SPECIES, x, i + 48);
            FloatVector v7 = FloatVector.fromArray(SPECIES, x, i + 56);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
            s4 = v4.fma(v4, s4);
            s5 = v5.fma(v5, s5);
            s6 = v6.fma(v6, s6);
            s7 = v7.fma(v7, s7);
        }
        s0.intoArray(partial, 0);
        s1.intoArray(partial, 8);
        s2.intoArray(partial, 16);
        s3.intoArray(partial, 24);
        s4.intoArray(partial, 32);
        s5.intoArray(partial, 40);
        s6.intoArray(partial, 48);
        s7.intoArray(partial, 56);
    }
}
