package dev.dendrite.train;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Validate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Reads and restores the state of the {@link Random} generators a model draws from during
 * training (Dropout masks, or any {@link dev.dendrite.nn.Stochastic} layer's), so that a resumed run draws the same numbers as an uninterrupted one.
 *
 * <p>{@code java.util.Random} is the 48-bit linear congruential generator its Javadoc specifies:
 * {@code seed = (seed * 0x5DEECE66D + 0xB) mod 2^48}, each {@code next(32)} being the top 32 bits.
 * It has no getter for the seed, and {@code java.base} does not open its field to reflection, so
 * the state is recovered from two outputs of a copy (the missing 16 low bits by trying all 65,536)
 * and written back with {@code setSeed(state ^ 0x5DEECE66D)}, which stores exactly {@code state}.
 * A cached second Gaussian ({@code nextGaussian}) is not part of the state and is dropped;
 * Dropout draws {@code nextFloat} only. Stateless and thread-safe.
 */
final class RandomState {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final long INVERSE = inverse(MULTIPLIER);

    private RandomState() {
    }

    /**
     * The generator of every {@link dev.dendrite.nn.Stochastic} module in {@code model}, by the
     * module's dotted path, depth first.
     */
    static Map<String, Random> generators(Module model) {
        Map<String, Random> found = new LinkedHashMap<>();
        model.stochasticModules().forEach((path, module) -> found.put(path, module.random()));
        return found;
    }

    /**
     * The 48-bit state of {@code random}, which is left untouched.
     *
     * @throws IllegalArgumentException if {@code random} is a subclass (SecureRandom, a custom
     *     generator) whose numbers do not follow {@code java.util.Random}'s formula
     */
    static long read(Random random) {
        if (random.getClass() != Random.class) {
            throw Validate.fail("checkpoint", "generators of class java.util.Random",
                    random.getClass().getName() + ", whose state a checkpoint cannot restore");
        }
        Random copy = copy(random);
        long first = copy.nextInt() & 0xFFFFFFFFL;
        int second = copy.nextInt();
        int third = copy.nextInt();
        for (long low = 0; low < (1 << 16); low++) {
            long next = (first << 16) | low;
            long afterNext = step(next);
            if ((int) (afterNext >>> 16) == second && (int) (step(afterNext) >>> 16) == third) {
                return ((next - ADDEND) * INVERSE) & MASK;
            }
        }
        throw new IllegalStateException("checkpoint: the generator's numbers do not follow java.util.Random's formula");
    }

    /** Sets {@code random} to {@code state}, as returned by {@link #read}. */
    static void restore(Random random, long state) {
        random.setSeed((state & MASK) ^ MULTIPLIER);
    }

    private static long step(long state) {
        return (state * MULTIPLIER + ADDEND) & MASK;
    }

    /** A copy through serialization, which {@code Random} supports, so reading costs the original nothing. */
    private static Random copy(Random random) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(random);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (Random) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying a Random in memory does not fail", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("java.util.Random is always present", e);
        }
    }

    /** The inverse of an odd number modulo 2^64 (so also modulo 2^48), by Newton's iteration. */
    private static long inverse(long odd) {
        long inverse = odd;
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
