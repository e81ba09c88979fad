package dev.dendrite.tensor;

import java.util.Locale;

/**
 * Prints tensors as nested brackets, NumPy style. Axes longer than {@link #EDGE_ITEMS} times two
 * show their first and last items around "...", so a big tensor prints in a few lines.
 */
final class TensorFormat {
    static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor tensor) {
        StringBuilder out = new StringBuilder("tensor(");
        Shape shape = tensor.shape();
        if (shape.rank() == 0) {
            out.append(number(tensor.data()[0]));
        } else {
            append(out, tensor.data(), shape.dims(), shape.strides(), 0, 0, 7);
        }
        out.append(", shape=").append(shape);
        if (tensor.requiresGrad()) {
            out.append(", requiresGrad=true");
        }
        return out.append(')').toString();
    }

    private static void append(StringBuilder out, float[] data, int[] dims, int[] strides, int axis, int offset,
                               int indent) {
        out.append('[');
        int length = dims[axis];
        boolean elide = length > 2 * EDGE_ITEMS;
        for (int i = 0; i < length; i++) {
            if (elide && i == EDGE_ITEMS) {
                out.append(axis == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = length - EDGE_ITEMS;
            }
            if (axis == dims.length - 1) {
                out.append(number(data[offset + i * strides[axis]]));
            } else {
                append(out, data, dims, strides, axis + 1, offset + i * strides[axis], indent);
            }
            if (i < length - 1) {
                out.append(axis == dims.length - 1 ? ", " : ",\n" + " ".repeat(indent + axis + 1));
            }
        }
        out.append(']');
    }

    private static String number(float value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
