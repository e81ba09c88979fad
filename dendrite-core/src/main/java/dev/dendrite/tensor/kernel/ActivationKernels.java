package dev.dendrite.tensor.kernel;

/**
 * Bulk forms of the hot activations, ReLU, sigmoid and tanh, and of their backward products
 * {@code dx = dy * f'(x)}: one call per tensor instead of one virtual call per element, so the loop
 * is compiled for the one function it computes and runs a vector of elements at a time.
 *
 * <p>Sigmoid and tanh come from {@link FloatMath}, whose scalar and vector forms give the same
 * bits, as do ReLU and every backward product: the SIMD and scalar paths agree exactly, at every
 * stage of JIT compilation. Each element's result depends only on
 * that element, never on its position or the array length, so the results stay deterministic;
 * a large array is split over the kernel threads ({@link ElementRanges}) for the same reason.
 * Stateless and thread-safe.
 */
public final class ActivationKernels {
    private ActivationKernels() {
    }

    /** The logistic function {@code 1 / (1 + e^-x)}; see {@link FloatMath#sigmoid}. */
    public static float sigmoid(float x) {
        return FloatMath.sigmoid(x);
    }

    /** tanh(x); see {@link FloatMath#tanh}. */
    public static float tanh(float x) {
        return FloatMath.tanh(x);
    }

    /** {@code y[i] = max(0, x[i])} (0 for NaN, as {@code x > 0 ? x : 0} gives). */
    public static void relu(float[] x, float[] y) {
        if (VectorSupport.available()) {
            ElementRanges.forEach(x.length, (from, to) -> VectorActivations.relu(x, y, from, to));
            return;
        }
        ElementRanges.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = x[i] > 0 ? x[i] : 0f;
            }
        });
    }

    /** {@code dx[i] = dy[i] * (x[i] > 0 ? 1 : 0)}. */
    public static void reluGradient(float[] x, float[] dy, float[] dx) {
        if (VectorSupport.available()) {
            ElementRanges.forEach(x.length, (from, to) -> VectorActivations.reluGradient(x, dy, dx, from, to));
            return;
        }
        ElementRanges.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
            }
        });
    }

    /** {@code y[i] = sigmoid(x[i])}. */
    public static void sigmoid(float[] x, float[] y) {
        if (VectorSupport.available()) {
            ElementRanges.forEach(x.length, (from, to) -> VectorActivations.sigmoid(x, y, from, to));
            return;
        }
        ElementRanges.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = sigmoid(x[i]);
            }
        });
    }

    /** {@code dx[i] = dy[i] * y[i] (1 - y[i])}, from the sigmoid's output y. */
    public static void sigmoidGradient(float[] y, float[] dy, float[] dx) {
        // A plain loop: the JIT vectorises it on its own, with the same bits as the scalar form.
        ElementRanges.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * (y[i] * (1f - y[i]));
            }
        });
    }

    /** {@code y[i] = tanh(x[i])}. */
    public static void tanh(float[] x, float[] y) {
        if (VectorSupport.available()) {
            ElementRanges.forEach(x.length, (from, to) -> VectorActivations.tanh(x, y, from, to));
            return;
        }
        ElementRanges.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = tanh(x[i]);
            }
        });
    }

    /** {@code dx[i] = dy[i] * (1 - y[i]^2)}, from tanh's output y. */
    public static void tanhGradient(float[] y, float[] dy, float[] dx) {
        ElementRanges.forEach(y.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * (1f - y[i] * y[i]);
            }
        });
    }
}
