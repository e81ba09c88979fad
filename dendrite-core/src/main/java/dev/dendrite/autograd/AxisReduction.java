package dev.dendrite.autograd;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.BinaryOp;
import dev.dendrite.tensor.kernel.Broadcast;
import dev.dendrite.tensor.kernel.Reduce;

/**
 * Sum, max or min along one axis (or over everything when the axis is {@code null}).
 *
 * <p>Backward: a sum sends the output gradient to every element it added up (a broadcast back to
 * the input's shape); a max or min sends it only to the element that was chosen, the first one on
 * ties, like the subgradient PyTorch uses.
 */
public final class AxisReduction extends Op {
    /** Which reduction. */
    public enum Kind { SUM, MAX, MIN }

    private final Kind kind;
    private final Integer axis;
    private final boolean keepDims;
    private Tensor input;
    private int[] chosen;
    private int outer;
    private int length;
    private int inner;

    /** A reduction along {@code axis} ({@code null} for all axes). */
    public AxisReduction(Kind kind, Integer axis, boolean keepDims) {
        this.kind = kind;
        this.axis = axis;
        this.keepDims = keepDims;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        input = inputs[0];
        Shape shape = input.shape();
        if (axis == null) {
            outer = 1;
            length = shape.size();
            inner = 1;
        } else {
            int resolved = shape.axis(axis);
            outer = product(shape, 0, resolved);
            length = shape.dim(resolved);
            inner = product(shape, resolved + 1, shape.rank());
        }
        if (kind != Kind.SUM && length == 0) {
            throw Validate.fail(name(), "a non-empty axis to reduce",
                    "shape " + shape + (axis == null ? "" : " along axis " + axis));
        }
        float[] out;
        if (kind == Kind.SUM) {
            out = axis == null ? new float[] {(float) Reduce.sumAll(input.data())}
                    : Reduce.sum(input.data(), outer, length, inner);
        } else {
            chosen = new int[outer * inner];
            out = Reduce.extreme(input.data(), outer, length, inner, kind == Kind.MAX ? 1 : -1, chosen);
        }
        return Tensor.wrap(out, outputShape().dims());
    }

    private static int product(Shape shape, int from, int to) {
        int product = 1;
        for (int i = from; i < to; i++) {
            product *= shape.dim(i);
        }
        return product;
    }

    private Shape outputShape() {
        Shape shape = input.shape();
        if (axis == null) {
            return keepDims ? Shape.of(onesLike(shape.rank())) : Shape.of();
        }
        return shape.reduce(axis, keepDims);
    }

    private static int[] onesLike(int rank) {
        int[] dims = new int[rank];
        java.util.Arrays.fill(dims, 1);
        return dims;
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        float[] g = gradOutput.data();
        float[] dx = new float[input.size()];
        if (kind == Kind.SUM) {
            int[] kept = axis == null ? onesLike(input.shape().rank()) : input.shape().reduce(axis, true).dims();
            Broadcast.binary(BinaryOp.ADD, dx, input.shape().dims(), g, kept, dx, input.shape().dims());
        } else {
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int slot = o * inner + i;
                    dx[o * length * inner + chosen[slot] * inner + i] += g[slot];
                }
            }
        }
        return new Tensor[] {Tensor.wrap(dx, input.shape().dims())};
    }

    /** The index chosen for each output element of a max or min (not for a sum). */
    int[] chosenIndices() {
        return chosen;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
