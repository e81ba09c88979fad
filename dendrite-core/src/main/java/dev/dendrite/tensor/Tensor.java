package dev.dendrite.tensor;

import dev.dendrite.autograd.Arithmetic;
import dev.dendrite.autograd.AxisReduction;
import dev.dendrite.autograd.Backward;
import dev.dendrite.autograd.Elementwise;
import dev.dendrite.autograd.MatMul;
import dev.dendrite.autograd.Op;
import dev.dendrite.autograd.Reshape;
import dev.dendrite.autograd.SliceRows;
import dev.dendrite.autograd.Transpose;
import dev.dendrite.tensor.kernel.BinaryOp;
import java.util.Arrays;
import java.util.Random;

/**
 * An N-dimensional array of float32 values in row-major order, which can take part in automatic
 * differentiation.
 *
 * <p>Ops return new tensors and never change their inputs. When an input {@link #requiresGrad()}
 * and gradients are being recorded ({@link dev.dendrite.autograd.GradMode}), the result remembers
 * the op that made it, and {@link #backward()} fills in {@link #grad()} of the leaves.
 *
 * <p>The element array is shared, not copied, by {@link #wrap} and {@link #data()}: optimizers
 * update parameters in place through it. Not thread-safe for writers; concurrent readers are fine.
 */
public final class Tensor {
    private final float[] data;
    private final Shape shape;
    private boolean requiresGrad;
    private Tensor grad;
    /** The array of the gradient last forgotten by zeroGrad, for the next backward to reuse. */
    private float[] spareGrad;
    private Op creator;

    private Tensor(float[] data, Shape shape) {
        // Checked before building the message: formatting it for every tensor cost more than small ops.
        if (data.length != shape.size()) {
            Validate.argument(false, "Tensor", shape.size() + " elements for shape " + shape, data.length + " elements");
        }
        this.data = data;
        this.shape = shape;
    }

    // ---- creation ----

    /** Wraps {@code data} without copying; later writes to the array show through. */
    public static Tensor wrap(float[] data, int... dims) {
        return new Tensor(data, Shape.of(dims));
    }

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(data.clone(), Shape.of(dims));
    }

    /** A 1-D tensor of the given values. */
    public static Tensor vector(float... values) {
        return of(values, values.length);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            Validate.argument(rows[r].length == cols, "Tensor.matrix", "rows of " + cols + " values",
                    rows[r].length + " values in row " + r);
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return wrap(data, rows.length, cols);
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return wrap(new float[] {value});
    }

    /** All zeros. */
    public static Tensor zeros(int... dims) {
        return wrap(new float[Shape.of(dims).size()], dims);
    }

    /** All ones. */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** Every element set to {@code value}. */
    public static Tensor full(float value, int... dims) {
        float[] data = new float[Shape.of(dims).size()];
        Arrays.fill(data, value);
        return wrap(data, dims);
    }

    /** {@code [0, 1, ..., n-1]}; empty when {@code n <= 0}. */
    public static Tensor arange(int n) {
        // Not arange(0, n, 1): n would pass through a float, which drops counts above 2^24.
        float[] data = new float[Math.max(0, n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        return wrap(data, data.length);
    }

    /** {@code start, start + step, ...} up to but excluding {@code end}, as in NumPy. */
    public static Tensor arange(float start, float end, float step) {
        Validate.argument(step != 0 && Float.isFinite(step), "arange", "a finite non-zero step", step);
        Validate.argument(Float.isFinite(start) && Float.isFinite(end), "arange", "a finite start and end",
                "start = " + start + ", end = " + end);
        double count = Math.max(0, Math.ceil((end - start) / step));
        Validate.argument(count <= Integer.MAX_VALUE - 8, "arange", "at most 2^31-9 elements",
                count + " elements from start = " + start + ", end = " + end + ", step = " + step);
        int n = (int) count;
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return wrap(data, n);
    }

    /** Uniform values in {@code [low, high)} drawn from {@code random}. */
    public static Tensor uniform(Random random, float low, float high, int... dims) {
        float[] data = new float[Shape.of(dims).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = low + (high - low) * random.nextFloat();
        }
        return wrap(data, dims);
    }

    /** Uniform values in {@code [low, high)} from a generator seeded with {@code seed}. */
    public static Tensor uniform(long seed, float low, float high, int... dims) {
        return uniform(new Random(seed), low, high, dims);
    }

    /** Normal values with the given mean and standard deviation drawn from {@code random}. */
    public static Tensor normal(Random random, float mean, float std, int... dims) {
        float[] data = new float[Shape.of(dims).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = mean + std * (float) random.nextGaussian();
        }
        return wrap(data, dims);
    }

    /** Normal values from a generator seeded with {@code seed}. */
    public static Tensor normal(long seed, float mean, float std, int... dims) {
        return normal(new Random(seed), mean, std, dims);
    }

    // ---- inspection ----

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The live element array in row-major order (not a copy). */
    public float[] data() {
        return data;
    }

    /** A copy of the elements. */
    public float[] toArray() {
        return data.clone();
    }

    /** The element at the given indices, one per axis. */
    public float get(int... indices) {
        Validate.argument(indices.length == shape.rank(), "get", () -> shape.rank() + " indices for shape " + shape,
                () -> indices.length + " indices");
        int offset = 0;
        int[] strides = shape.strides();
        for (int i = 0; i < indices.length; i++) {
            int axis = i;
            Validate.argument(indices[i] >= 0 && indices[i] < shape.dim(i), "get",
                    () -> "index in [0, " + shape.dim(axis) + ") on axis " + axis + " of " + shape, () -> indices[axis]);
            offset += indices[i] * strides[i];
        }
        return data[offset];
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            Validate.argument(false, "item", "a tensor with one element", "shape " + shape);
        }
        return data[0];
    }

    /** A new tensor with a copy of the elements and no autograd history. */
    public Tensor copy() {
        return wrap(data.clone(), shape.dims());
    }

    // ---- shape ops ----

    /** The same elements under new dimensions; one dimension may be -1 to be inferred. */
    public Tensor reshape(int... dims) {
        int[] resolved = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == -1) {
                Validate.argument(inferred < 0, "reshape", "at most one -1", dims);
                inferred = i;
            } else {
                Validate.argument(resolved[i] >= 0, "reshape", "dimensions >= 0 (one may be -1)", dims);
                known *= resolved[i];
            }
        }
        boolean fits = inferred >= 0 ? known > 0 && size() % known == 0 : known == size();
        if (!fits) {
            Validate.argument(false, "reshape", "a shape with " + size() + " elements to reshape " + shape, dims);
        }
        if (inferred >= 0) {
            resolved[inferred] = (int) (size() / known);
        }
        return new Reshape(resolved).apply(this);
    }

    /** The transpose of a 2-D tensor. */
    public Tensor transpose() {
        Validate.argument(rank() == 2, "transpose", "a 2-D tensor (use transpose(axis, axis) otherwise)", shape);
        return transpose(0, 1);
    }

    /** Swaps two axes. */
    public Tensor transpose(int first, int second) {
        return new Transpose(shape.axis(first), shape.axis(second)).apply(this);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along axis 0. */
    public Tensor sliceRows(int from, int to) {
        Validate.argument(rank() >= 1, "sliceRows", "a tensor with at least one axis", shape);
        Validate.argument(0 <= from && from <= to && to <= shape.dim(0), "sliceRows",
                () -> "0 <= from <= to <= " + shape.dim(0) + " for shape " + shape, () -> "from = " + from + ", to = " + to);
        return new SliceRows(from, to).apply(this);
    }

    // ---- element-wise arithmetic (broadcasting) ----

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return new Arithmetic(BinaryOp.ADD).apply(this, other);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return new Arithmetic(BinaryOp.SUB).apply(this, other);
    }

    /** {@code this * other} element by element, broadcasting. */
    public Tensor mul(Tensor other) {
        return new Arithmetic(BinaryOp.MUL).apply(this, other);
    }

    /** {@code this / other} element by element, broadcasting. */
    public Tensor div(Tensor other) {
        return new Arithmetic(BinaryOp.DIV).apply(this, other);
    }

    /** Adds a scalar to every element. */
    public Tensor add(float value) {
        return add(scalar(value));
    }

    /** Subtracts a scalar from every element. */
    public Tensor sub(float value) {
        return add(scalar(-value));
    }

    /** Multiplies every element by a scalar. */
    public Tensor mul(float value) {
        return mul(scalar(value));
    }

    /** Divides every element by a scalar. */
    public Tensor div(float value) {
        return div(scalar(value));
    }

    /** {@code -this}. */
    public Tensor neg() {
        return map("neg", new Elementwise.Formula() {
            public float value(float x) {
                return -x;
            }

            public float derivative(float x, float y) {
                return -1f;
            }
        });
    }

    /** Applies an element-wise function with its derivative (see {@link Elementwise}). */
    public Tensor map(String name, Elementwise.Formula formula) {
        return new Elementwise(name, formula).apply(this);
    }

    /** e^x. */
    public Tensor exp() {
        return map("exp", MathFormulas.EXP);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return map("log", MathFormulas.LOG);
    }

    /** Square root. */
    public Tensor sqrt() {
        return map("sqrt", MathFormulas.SQRT);
    }

    /** Absolute value; its derivative at 0 is taken as 0. */
    public Tensor abs() {
        return map("abs", MathFormulas.ABS);
    }

    /** x^p for a constant exponent p. */
    public Tensor pow(float exponent) {
        return map("pow", MathFormulas.pow(exponent));
    }

    /** Limits every element to {@code [min, max]}; the gradient is 0 where an element was clipped. */
    public Tensor clamp(float min, float max) {
        Validate.argument(min <= max, "clamp", "min <= max", () -> "min = " + min + ", max = " + max);
        return map("clamp", MathFormulas.clamp(min, max));
    }

    // ---- reductions ----

    /** The sum of all elements, as a scalar tensor. */
    public Tensor sum() {
        return new AxisReduction(AxisReduction.Kind.SUM, null, false).apply(this);
    }

    /** The sum along {@code axis}, which is removed from the shape. */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The sum along {@code axis}, kept as length 1 when {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return new AxisReduction(AxisReduction.Kind.SUM, axis, keepDims).apply(this);
    }

    /** The mean of all elements (NaN for an empty tensor). */
    public Tensor mean() {
        return sum().div(size());
    }

    /** The mean along {@code axis}. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean along {@code axis}, kept as length 1 when {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return sum(axis, keepDims).div(shape.dim(axis));
    }

    /** The largest element. */
    public Tensor max() {
        return new AxisReduction(AxisReduction.Kind.MAX, null, false).apply(this);
    }

    /** The largest element along {@code axis}. */
    public Tensor max(int axis, boolean keepDims) {
        return new AxisReduction(AxisReduction.Kind.MAX, axis, keepDims).apply(this);
    }

    /** The smallest element. */
    public Tensor min() {
        return new AxisReduction(AxisReduction.Kind.MIN, null, false).apply(this);
    }

    /** The smallest element along {@code axis}. */
    public Tensor min(int axis, boolean keepDims) {
        return new AxisReduction(AxisReduction.Kind.MIN, axis, keepDims).apply(this);
    }

    /** The flat index of the largest element (the first on ties). */
    public int argmax() {
        return TensorIndexing.argmax(this);
    }

    /** The index of the largest element along {@code axis}; the axis is removed from the shape. */
    public int[] argmax(int axis) {
        return TensorIndexing.argmax(this, axis);
    }

    // ---- linear algebra ----

    /** Matrix product: {@code [m, k] @ [k, n]}, or batched {@code [b, m, k] @ [b, k, n]}. */
    public Tensor matmul(Tensor other) {
        return new MatMul().apply(this, other);
    }

    // ---- comparison and printing ----

    /**
     * Whether both tensors have the same shape and every pair of elements satisfies
     * {@code |a - b| <= absoluteTolerance + relativeTolerance * |b|} (NaNs never match).
     */
    public boolean allClose(Tensor other, float absoluteTolerance, float relativeTolerance) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            float a = data[i];
            float b = other.data[i];
            if (!(Math.abs(a - b) <= absoluteTolerance + relativeTolerance * Math.abs(b)) && a != b) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(Tensor, float, float)} with an absolute tolerance only. */
    public boolean allClose(Tensor other, float tolerance) {
        return allClose(other, tolerance, 0f);
    }

    /** The values in nested brackets, elided in the middle when large, with the shape. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---- autograd ----

    /** Whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this tensor as one whose gradient is wanted (a leaf, such as a weight); returns it. */
    public Tensor requiresGrad(boolean required) {
        Validate.state(creator == null || required, "requiresGrad(false)", "a leaf tensor",
                () -> "the result of " + (creator == null ? "" : creator.name()) + "; use detach()");
        this.requiresGrad = required;
        return this;
    }

    /** The accumulated gradient after {@link #backward()}, or {@code null}. */
    public Tensor grad() {
        return grad;
    }

    /**
     * Forgets the accumulated gradient. Its array is kept for the next backward pass to write the
     * new gradient into ({@link #takeGradArray}), which saves allocating and clearing a weight's
     * gradient on every training step; copy a gradient you want to keep past this call.
     */
    public void zeroGrad() {
        if (grad != null) {
            spareGrad = grad.data;
        }
        grad = null;
    }

    /**
     * Called by ops' backward: the array of the gradient {@link #zeroGrad} forgot, when this is a
     * leaf holding no gradient now, so the op can write this leaf's new gradient over it; else
     * {@code null}. Hands the array out once. The op must overwrite every element.
     */
    public float[] takeGradArray() {
        float[] spare = grad == null && creator == null ? spareGrad : null;
        spareGrad = null;
        return spare;
    }

    /** The op that made this tensor, or {@code null} for a leaf. */
    public Op creator() {
        return creator;
    }

    /** The same elements with no history: gradients stop here. */
    public Tensor detach() {
        return wrap(data, shape.dims());
    }

    /** Backpropagates from this scalar (one-element) tensor, as if dLoss/dThis = 1. */
    public void backward() {
        Validate.state(size() == 1, "backward()", "a one-element tensor such as a loss",
                () -> "shape " + shape + "; pass a gradient with backward(gradient)");
        Backward.run(this, full(1f, shape.dims()));
    }

    /** Backpropagates {@code gradient} (dLoss/dThis, same shape) from this tensor. */
    public void backward(Tensor gradient) {
        Backward.run(this, gradient);
    }

    /** Called by {@link Op#apply}: records the op that produced this tensor. */
    public void attachCreator(Op function) {
        Validate.state(this.creator == null, "attachCreator", "a fresh tensor", "one with a creator");
        this.creator = function;
        this.requiresGrad = true;
    }

    /**
     * Called by {@link Backward}: as {@link #accumulateGrad}, but a leaf holding no gradient yet
     * takes {@code gradient}'s array as its {@link #grad()} instead of a copy. The caller gives the
     * array up: nothing else may read or write it afterwards.
     */
    public void adoptGrad(Tensor gradient) {
        if (grad == null) {
            grad = wrap(gradient.data, shape.dims());
            return;
        }
        accumulateGrad(gradient);
    }

    /** Called by {@link Backward}: adds {@code gradient} into this leaf's {@link #grad()}. */
    public void accumulateGrad(Tensor gradient) {
        if (grad == null) {
            grad = wrap(gradient.data.clone(), shape.dims());
            return;
        }
        float[] into = grad.data;
        float[] from = gradient.data;
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }
}
