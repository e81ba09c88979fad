package dev.dendrite.tensor;

import dev.dendrite.tensor.kernel.Reduce;

/** Index-valued reductions, which have no gradient. */
final class TensorIndexing {
    private TensorIndexing() {
    }

    static int argmax(Tensor x) {
        if (x.size() == 0) {
            Validate.argument(false, "argmax", "a non-empty tensor", "shape " + x.shape());
        }
        int[] index = new int[1];
        Reduce.extreme(x.data(), 1, x.size(), 1, 1, index);
        return index[0];
    }

    static int[] argmax(Tensor x, int axis) {
        Shape shape = x.shape();
        int resolved = shape.axis(axis);
        if (shape.dim(resolved) == 0) {
            Validate.argument(false, "argmax", "a non-empty axis " + axis, "shape " + shape);
        }
        int outer = 1;
        for (int i = 0; i < resolved; i++) {
            outer *= shape.dim(i);
        }
        int length = shape.dim(resolved);
        int inner = length == 0 ? 0 : x.size() / Math.max(1, outer * length);
        int[] indices = new int[outer * inner];
        Reduce.extreme(x.data(), outer, length, inner, 1, indices);
        return indices;
    }
}
