package dev.dendrite.data;

import java.io.IOException;

/**
 * A data file that declares or implies more memory than this JVM's heap could ever hold, found
 * before the memory is allocated: an IDX header's dimensions, a CSV file's size measured against
 * its first rows. The message names the file, the estimate, the heap's limit and the fix, for
 * example {@code train-images-idx3-ubyte.gz: its header declares [300000, 28, 28] = 235 MB of
 * pixels, which take about 1176 MB as bytes and float32 features; this JVM's heap is at most 512 MB
 * (give it more with -Xmx)}.
 */
public final class DataTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which starts with the file name. */
    public DataTooLargeException(String message) {
        super(message);
    }

    /**
     * Refuses {@code bytes} of memory for {@code what} when they exceed the heap's limit
     * ({@link Runtime#maxMemory()}): such a load could only end in an {@link OutOfMemoryError}.
     * Below the limit nothing is refused, since garbage collection may still make room.
     */
    static void check(long bytes, String what) throws DataTooLargeException {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new DataTooLargeException(what + ", which take about " + megabytes(bytes) + "; this JVM's heap is "
                    + "at most " + megabytes(heap) + " (give it more with -Xmx, for dendrite DENDRITE_JVM_OPTS=-Xmx"
                    + Math.max(1, (bytes * 2 + (1L << 30) - 1) >> 30) + "g)");
        }
    }

    static String megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) / (1 << 20) + " MB";
    }
}
