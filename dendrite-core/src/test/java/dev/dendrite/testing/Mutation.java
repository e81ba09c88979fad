package dev.dendrite.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One damage done to a file's bytes, at a position given as a fraction of a region so that the
 * same mutation applies to files of any length: a flipped bit, an overwritten byte, inserted,
 * deleted or duplicated bytes, or a cut. Immutable.
 *
 * @param kind   what is done
 * @param where  the position, in millionths of the region ({@code 0..1_000_000})
 * @param length how many bytes are inserted, deleted or duplicated ({@code 1..16})
 * @param value  the bit to flip ({@code value % 8}), the byte to write, or the seed of inserted bytes
 */
public record Mutation(Kind kind, int where, int length, int value) {
    private static final int MILLION = 1_000_000;

    /** The kinds of damage. */
    public enum Kind {
        /** Flips bit {@code value % 8} of one byte. */
        FLIP_BIT,
        /** Overwrites one byte with {@code value}. */
        SET_BYTE,
        /** Inserts {@code length} bytes drawn from {@code value}. */
        INSERT,
        /** Deletes {@code length} bytes. */
        DELETE,
        /** Repeats the next {@code length} bytes. */
        DUPLICATE,
        /** Cuts the file at the position. */
        TRUNCATE
    }

    /** Mutations of every kind, anywhere. */
    public static Arbitrary<Mutation> any() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, MILLION),
                Arbitraries.integers().between(1, 16), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    /** Mutations that keep the length and change one byte: flipped bits and overwritten bytes. */
    public static Arbitrary<Mutation> inPlace() {
        return Combinators.combine(Arbitraries.of(Kind.FLIP_BIT, Kind.SET_BYTE),
                Arbitraries.integers().between(0, MILLION), Arbitraries.just(1),
                Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    /** Applies the mutations in order, each to the whole of the result so far. */
    public static byte[] applyAll(List<Mutation> mutations, byte[] bytes) {
        byte[] result = bytes;
        for (Mutation mutation : mutations) {
            result = mutation.apply(result, 0, result.length);
        }
        return result;
    }

    /** Applies the mutations in order, each at a position in {@code [from, to)} of the original layout. */
    public static byte[] applyAll(List<Mutation> mutations, byte[] bytes, int from, int to) {
        byte[] result = bytes;
        for (Mutation mutation : mutations) {
            int shift = result.length - bytes.length;
            result = mutation.apply(result, from, Math.max(from, Math.min(result.length, to + shift)));
        }
        return result;
    }

    /** A changed copy of {@code bytes}, damaged at a position in {@code [from, to)} (at {@code from} if empty). */
    public byte[] apply(byte[] bytes, int from, int to) {
        int span = Math.max(0, to - from);
        int at = from + (int) ((long) where * span / (MILLION + 1L));
        switch (kind) {
            case FLIP_BIT -> {
                return at < bytes.length ? changed(bytes, at, (byte) (bytes[at] ^ (1 << (value % 8)))) : bytes.clone();
            }
            case SET_BYTE -> {
                return at < bytes.length ? changed(bytes, at, (byte) value) : bytes.clone();
            }
            case INSERT -> {
                byte[] inserted = new byte[length];
                new Random(value).nextBytes(inserted);
                return splice(bytes, at, 0, inserted);
            }
            case DELETE -> {
                return splice(bytes, at, Math.min(length, bytes.length - at), new byte[0]);
            }
            case DUPLICATE -> {
                return splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + length)));
            }
            case TRUNCATE -> {
                return Arrays.copyOf(bytes, at);
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static byte[] changed(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    /** For example {@code FLIP_BIT@0.5(bit 3)}, readable in a failure report. */
    @Override
    public String toString() {
        String position = String.format(java.util.Locale.ROOT, "%.3f", where / (double) MILLION);
        return switch (kind) {
            case FLIP_BIT -> "flip bit " + value % 8 + " at " + position;
            case SET_BYTE -> "set byte " + value + " at " + position;
            case INSERT -> "insert " + length + " bytes (seed " + value + ") at " + position;
            case DELETE -> "delete " + length + " bytes at " + position;
            case DUPLICATE -> "duplicate " + length + " bytes at " + position;
            case TRUNCATE -> "truncate at " + position;
        };
    }
}
