package dev.dendrite.data;

import java.util.Random;

/** Seeded permutations shared by {@link Dataset} splits and {@link Batches}. Stateless. */
final class Shuffle {
    private Shuffle() {
    }

    /** {@code [0, n)} in increasing order. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** {@code [0, n)} in an order drawn from {@code random} (Fisher–Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = identity(n);
        shuffle(order, random);
        return order;
    }

    /** Shuffles {@code values} in place (Fisher–Yates), every order equally likely. */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /**
     * A seed for epoch {@code epoch} of a run seeded with {@code seed}. SplitMix64's finaliser
     * spreads the bits, so neighbouring epochs (and neighbouring seeds) get unrelated streams;
     * {@code new Random(seed + epoch)} would give visibly correlated first draws.
     */
    static long epochSeed(long seed, int epoch) {
        return mix(seed ^ mix(0x9E3779B97F4A7C15L * (epoch + 1L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
