package dev.dendrite.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded random shapes for property tests, biased towards the corner cases that break index
 * arithmetic: size-0 and size-1 dimensions, rank 0, and operands of different ranks. Also the
 * plain index helpers (strides, flat index to multi-index) that reference loops need.
 *
 * <p>Stateless; every method that draws takes the caller's {@link Random}.
 */
public final class RandomShapes {
    private RandomShapes() {
    }

    /** A shape of rank {@code minRank..maxRank} whose dimensions are mostly 2..maxDim, sometimes 0 or 1. */
    public static int[] shape(Random random, int minRank, int maxRank, int maxDim) {
        int rank = minRank + random.nextInt(maxRank - minRank + 1);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = dimension(random, maxDim);
        }
        return dims;
    }

    /** One dimension: 0 one time in ten, 1 one time in five, else 2..maxDim. */
    public static int dimension(Random random, int maxDim) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return 0;
        }
        if (roll <= 2) {
            return 1;
        }
        return 2 + random.nextInt(Math.max(1, maxDim - 1));
    }

    /**
     * A shape that broadcasts against {@code dims}: some leading axes dropped and some remaining
     * axes set to 1, as a bias or a per-column scale would be.
     */
    public static int[] broadcastPartner(Random random, int[] dims) {
        int drop = random.nextInt(dims.length + 1);
        int[] partner = Arrays.copyOfRange(dims, drop, dims.length);
        for (int i = 0; i < partner.length; i++) {
            if (random.nextInt(3) == 0) {
                partner[i] = 1;
            }
        }
        return partner;
    }

    /** The number of elements of {@code dims}. */
    public static int size(int[] dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** Row-major strides, last axis 1. */
    public static int[] strides(int[] dims) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /** The multi-index of flat position {@code flat} in a row-major array of shape {@code dims}. */
    public static int[] unravel(int flat, int[] dims) {
        int[] index = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] > 0) {
                index[i] = flat % dims[i];
                flat /= dims[i];
            }
        }
        return index;
    }

    /** The flat position of {@code index} in a row-major array of shape {@code dims}. */
    public static int ravel(int[] index, int[] dims) {
        int flat = 0;
        int[] strides = strides(dims);
        for (int i = 0; i < dims.length; i++) {
            flat += index[i] * strides[i];
        }
        return flat;
    }

    /** Random float values in {@code [low, high)}. */
    public static float[] values(Random random, int size, float low, float high) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = low + (high - low) * random.nextFloat();
        }
        return values;
    }
}
