package dev.dendrite.tensor.kernel;

/**
 * Splits an element-wise loop over a large array into ranges run on the kernel threads: the
 * activations, their gradients and the optimizers' updates. Each element is computed alone, so the
 * results are the same for any thread count. Arrays below two ranges run on the calling thread.
 */
public final class ElementRanges {
    /** Elements per range, a multiple of every vector length (so only the last range has a tail). */
    public static final int RANGE = 1 << 12;

    private ElementRanges() {
    }

    /** Elements {@code [from, to)} of an array. */
    @FunctionalInterface
    public interface Span {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code [0, length)}, in ranges over the kernel threads when the array is large. */
    public static void forEach(int length, Span body) {
        int ranges = (length + RANGE - 1) / RANGE;
        if (ranges <= 1) {
            body.run(0, length);
            return;
        }
        Parallel.forEach(ranges, RANGE, (first, end) -> body.run(first * RANGE, Math.min(length, end * RANGE)));
    }
}
