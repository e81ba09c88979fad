package dev.dendrite.tensor.kernel;

/**
 * Bulk forms of the hot activations, ReLU, sigmoid and tanh, and of their backward products
 * {@code dx = dy * f'(x)}: one call per tensor instead of one virtual call per element, so the loop
 * is compiled for the one function it computes and runs a vector of elements at a time.
 *
 * <p>The scalar functions here are the reference, evaluated in double and rounded once. With the
 * Vector API the sigmoid and tanh use its {@code EXP} and {@code TANH} in float, which agree
 * with the reference to within two units in the last place (the tests check it); ReLU and
 * every backward product give the same bits on both paths. Each element's result depends only on
 * that element, never on its position or the array length, so the results stay deterministic.
 * Stateless and thread-safe.
 */
public final class ActivationKernels {
    private ActivationKernels() {
    }

    /** The logistic function {@code 1 / (1 + e^-x)}, in a form whose exponential never overflows. */
    public static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /**
     * tanh(x) as {@code (1 - e^(-2|x|)) / (1 + e^(-2|x|))} with the sign put back: only a decaying
     * exponential is evaluated, and {@link Math#exp} is a JIT intrinsic where {@link Math#tanh} is not.
     */
    public static float tanh(float x) {
        double magnitude = Math.abs((double) x);
        if (magnitude < 1e-4) {
            return x; // tanh(x) = x - x^3/3 + ...: the cubic term is below float resolution here
        }
        double t = Math.exp(-2 * magnitude);
        return (float) Math.copySign((1 - t) / (1 + t), x);
    }

    /** {@code y[i] = max(0, x[i])} (0 for NaN, as {@code x > 0 ? x : 0} gives). */
    public static void relu(float[] x, float[] y) {
        if (VectorSupport.available()) {
            VectorActivations.relu(x, y);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
    }

    /** {@code dx[i] = dy[i] * (x[i] > 0 ? 1 : 0)}. */
    public static void reluGradient(float[] x, float[] dy, float[] dx) {
        if (VectorSupport.available()) {
            VectorActivations.reluGradient(x, dy, dx);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            dx[i] = dy[i] * (x[i] > 0 ? 1f : 0f);
        }
    }

    /** {@code y[i] = sigmoid(x[i])}. */
    public static void sigmoid(float[] x, float[] y) {
        if (VectorSupport.available()) {
            VectorActivations.sigmoid(x, y);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    /** {@code dx[i] = dy[i] * y[i] (1 - y[i])}, from the sigmoid's output y. */
    public static void sigmoidGradient(float[] y, float[] dy, float[] dx) {
        // A plain loop: the JIT vectorises it on its own, with the same bits as the scalar form.
        for (int i = 0; i < y.length; i++) {
            dx[i] = dy[i] * (y[i] * (1f - y[i]));
        }
    }

    /** {@code y[i] = tanh(x[i])}. */
    public static void tanh(float[] x, float[] y) {
        if (VectorSupport.available()) {
            VectorActivations.tanh(x, y);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = tanh(x[i]);
        }
    }

    /** {@code dx[i] = dy[i] * (1 - y[i]^2)}, from tanh's output y. */
    public static void tanhGradient(float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < y.length; i++) {
            dx[i] = dy[i] * (1f - y[i] * y[i]);
        }
    }
}
