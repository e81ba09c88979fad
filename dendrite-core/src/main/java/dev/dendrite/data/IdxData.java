package dev.dendrite.data;

import dev.dendrite.tensor.Validate;
import java.util.Arrays;

/**
 * The content of an unsigned-byte IDX file: the raw bytes in row-major order and the dimensions
 * from the header, {@code [N, rows, columns]} for images and {@code [N]} for labels.
 *
 * <p>{@code data} is the array read from the file, not a copy; read values with {@link #unsigned}
 * (Java's bytes are signed). {@link #dims()} returns a copy.
 *
 * @param data the items, one byte each, {@code product(dims)} of them
 * @param dims the dimensions, the first being the number of items N
 */
public record IdxData(byte[] data, int[] dims) {
    /** Checks that the byte count matches the dimensions and keeps a copy of them. */
    public IdxData {
        long product = 1;
        for (int d : dims) {
            if (d < 0) {
                throw Validate.fail("IdxData", "dimensions >= 0", dims);
            }
            // Saturating just above any array's length: three dimensions could overflow a long.
            product = Math.min(product * d, Integer.MAX_VALUE + 1L);
        }
        if (dims.length == 0 || product != data.length) {
            throw Validate.fail("IdxData", (product > Integer.MAX_VALUE ? "more than 2^31 - 1" : product)
                    + " bytes for dimensions " + Arrays.toString(dims), data.length);
        }
        dims = dims.clone();
    }

    /** A copy of the dimensions. */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items N, the first dimension. */
    public int count() {
        return dims[0];
    }

    /** The number of bytes per item: the product of the dimensions after the first (1 for labels). */
    public int itemSize() {
        int size = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            size *= dims[axis];
        }
        return size;
    }

    /** Byte {@code index} as an unsigned value in {@code [0, 255]}. */
    public int unsigned(int index) {
        return data[index] & 0xFF;
    }

    /** Equal when the dimensions and every byte are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IdxData && Arrays.equals(dims, ((IdxData) other).dims)
                && Arrays.equals(data, ((IdxData) other).data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    /** For example {@code IdxData[60000, 28, 28]}. */
    @Override
    public String toString() {
        return "IdxData" + Arrays.toString(dims);
    }
}
