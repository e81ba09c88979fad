package dev.dendrite.tensor.kernel;

/**
 * Per-thread float arrays reused from call to call, for the temporaries a kernel fills whole and
 * drops before it returns (a convolution group's column matrices and products, the runs of its
 * weight gradient, a product's B copied row-major).
 *
 * <p>Why: a fresh Java array is zeroed by the thread that allocates it, while the other kernel
 * thread waits, and on these VMs memory the process has not touched yet costs a page fault per
 * page on first use.
 *
 * <p>A slot's array is valid until the same thread asks for that slot again; its contents are
 * stale, so callers write every element they read. Arrays longer than {@link #MAX_KEPT} floats are
 * not kept, so one huge inference batch does not hold its memory for the life of the thread.
 */
final class Scratch {
    /** A group's convolution output in channel-major order, before the NCHW layout. */
    static final int CONV_OUTPUT = 0;
    /** A group's convolution output gradient in channel-major order. */
    static final int CONV_OUTPUT_GRADIENT = 1;
    /** The column matrix of a group's input gradient, before col2im. */
    static final int CONV_COLUMN_GRADIENT = 2;
    /** A row-major copy of a product's B stored transposed ({@link RowGemm}, {@link ScalarGemm}). */
    static final int ROWS_OF_B = 3;
    /** The column matrix of a group of images. */
    static final int CONV_COLUMNS = 4;
    /** The parts of a convolution's weight gradient, one per run of groups, before they are added. */
    static final int WEIGHT_GRADIENT_PARTS = 5;
    /**
     * A group's max-pooled convolution output before the NCHW layout ({@link Convolution#forwardPooled});
     * in its backward, one pooled plane's ReLU slope.
     */
    static final int CONV_POOLED = 6;
    /** Int slot: the argmax of a group's max-pooled convolution output. */
    static final int CONV_POOLED_ARGMAX = 0;
    /** Longest array kept: 64 MB. */
    static final int MAX_KEPT = 1 << 24;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[7][0]);
    private static final ThreadLocal<int[][]> INT_SLOTS = ThreadLocal.withInitial(() -> new int[1][0]);

    private Scratch() {
    }

    /** An array of at least {@code length} floats for {@code slot}, with stale contents. */
    static float[] floats(int slot, int length) {
        if (length > MAX_KEPT) {
            return new float[length];
        }
        float[][] slots = SLOTS.get();
        if (slots[slot].length < length) {
            slots[slot] = new float[length];
        }
        return slots[slot];
    }

    /** As {@link #floats}, an int array for int slot {@code slot}. */
    static int[] ints(int slot, int length) {
        if (length > MAX_KEPT) {
            return new int[length];
        }
        int[][] slots = INT_SLOTS.get();
        if (slots[slot].length < length) {
            slots[slot] = new int[length];
        }
        return slots[slot];
    }
}
