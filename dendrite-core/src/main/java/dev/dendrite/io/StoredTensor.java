package dev.dendrite.io;

import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 tensor as a safetensors file holds it: its shape and its row-major values. The arrays
 * are shared, not copied, so that saving a large model does not double its memory; the record is
 * immutable only as long as nobody writes to them.
 *
 * @param shape  the dimensions, each at least 0
 * @param values the elements, as many as the shape's product
 */
public record StoredTensor(int[] shape, float[] values) {
    /** Checks that the values fit the shape. */
    public StoredTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long elements = 1;
        for (int dim : shape) {
            Validate.argument(dim >= 0, "StoredTensor", () -> "dimensions >= 0", () -> Arrays.toString(shape));
            elements *= dim;
        }
        long count = elements;
        Validate.argument(count == values.length, "StoredTensor",
                () -> count + " values for shape " + Arrays.toString(shape), () -> values.length + " values");
    }

    /** For example {@code StoredTensor([2, 3], 6 values)}. */
    @Override
    public String toString() {
        return "StoredTensor(" + Arrays.toString(shape) + ", " + values.length + " values)";
    }
}
