package dev.dendrite.tensor.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The element-wise update of Adam and AdamW in one pass over a parameter, its gradient and its
 * two moments:
 *
 * <pre>
 * g = grad + decay * p
 * m = beta1 * m + keep1 * g                 (keep1 = 1 - beta1, rounded once from double)
 * v = beta2 * v + keep2 * g * g
 * p = p * shrink - stepSize * m / (sqrt(v) / rootCorrection2 + eps)
 * </pre>
 *
 * <p>Adam passes {@code shrink = 1}; AdamW passes {@code decay = 0} and its decoupled
 * {@code shrink = 1 - learningRate * weightDecay}. Multiplying by 1 and adding {@code 0 * p} leave
 * every value as it was, so both optimizers keep their results.
 *
 * <p><b>Subnormal moments are flushed to zero.</b> A weight whose gradient stays 0 (an input
 * pixel that is always black, a ReLU unit that never fires) has its first moment multiplied by
 * {@code beta1} every step; after a few hundred steps it falls below {@link Float#MIN_NORMAL}, and
 * x86 processors take a microcode assist of about a hundred cycles for every arithmetic operation
 * on such a value. That made Adam's update ten times slower from the second MNIST epoch on. A moment
 * below {@code 1.2e-38} moves a weight by less than {@code 1e-33}, so setting it to 0 changes no
 * weight visibly, and the update stays deterministic.
 *
 * <p>Runs on the Vector API when it is present, else on a scalar loop with the same operations
 * in the same order (no fused multiply-adds), so both paths give the same bits. Large parameters
 * are cut into element ranges, one per kernel thread ({@link Gemm#setThreads}); every element's
 * update is independent of the others, so the result is the same for any thread count. Stateless;
 * thread-safe for calls on distinct arrays.
 */
public final class AdamUpdate {
    /**
     * Parameters of at least this many elements are split over the kernel threads (a 784x256
     * weight is 200 704). The update reads four arrays and writes three: one core cannot move that
     * much memory as fast as two, and each half of a large weight's state fits a core's L2.
     */
    static final int PARALLEL_MIN_LENGTH = 1 << 15;

    private AdamUpdate() {
    }

    /**
     * Updates {@code p}, {@code m} and {@code v} in place from {@code grad}, all of the same length.
     *
     * @param stepSize        the learning rate divided by the first moment's bias correction
     * @param rootCorrection2 the square root of the second moment's bias correction (1 for none)
     */
    public static void apply(float[] p, float[] grad, float[] m, float[] v,
                             float beta1, float keep1, float beta2, float keep2,
                             float stepSize, float rootCorrection2, float eps, float decay, float shrink) {
        int parts = parts(KernelThreads.threads(), p.length);
        if (parts == 1) {
            range(p, grad, m, v, 0, p.length, beta1, keep1, beta2, keep2, stepSize, rootCorrection2, eps,
                    decay, shrink);
            return;
        }
        List<Runnable> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            // Range ends on multiples of 64 elements: whole cache lines and whole vectors per thread.
            int from = (int) ((long) p.length * t / parts) & ~63;
            int to = t == parts - 1 ? p.length : (int) ((long) p.length * (t + 1) / parts) & ~63;
            tasks.add(() -> range(p, grad, m, v, from, to, beta1, keep1, beta2, keep2, stepSize, rootCorrection2,
                    eps, decay, shrink));
        }
        KernelThreads.runAll(tasks);
    }

    /** How many element ranges to split a parameter of {@code length} into: one unless it is large. */
    static int parts(int threads, int length) {
        if (threads <= 1 || length < PARALLEL_MIN_LENGTH) {
            return 1;
        }
        return Math.min(threads, length / PARALLEL_MIN_LENGTH * 2);
    }

    private static void range(float[] p, float[] grad, float[] m, float[] v, int from, int to,
                              float beta1, float keep1, float beta2, float keep2,
                              float stepSize, float rootCorrection2, float eps, float decay, float shrink) {
        if (VectorSupport.available()) {
            VectorAdamUpdate.apply(p, grad, m, v, from, to, beta1, keep1, beta2, keep2, stepSize, rootCorrection2,
                    eps, decay, shrink);
        } else {
            scalar(p, grad, m, v, from, to, beta1, keep1, beta2, keep2, stepSize, rootCorrection2, eps,
                    decay, shrink);
        }
    }

    /** The reference loop over elements {@code [from, to)}; the vector path uses it for the tail. */
    static void scalar(float[] p, float[] grad, float[] m, float[] v, int from, int to,
                       float beta1, float keep1, float beta2, float keep2,
                       float stepSize, float rootCorrection2, float eps, float decay, float shrink) {
        for (int i = from; i < to; i++) {
            float g = grad[i] + decay * p[i];
            float mi = beta1 * m[i] + keep1 * g;
            float vi = beta2 * v[i] + keep2 * g * g;
            mi = Math.abs(mi) < Float.MIN_NORMAL ? 0f : mi;
            vi = vi < Float.MIN_NORMAL ? 0f : vi;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] * shrink - stepSize * mi / ((float) Math.sqrt(vi) / rootCorrection2 + eps);
        }
    }
}
