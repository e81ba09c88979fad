package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Limits gradients between {@code backward()} and {@code step()}, so one bad batch cannot throw
 * the weights far away (exploding gradients in deep or recurrent networks).
 *
 * <pre>{@code
 * loss.backward();
 * GradientClipping.clipByNorm(model.parameters(), 1.0);
 * optimizer.step();
 * }</pre>
 *
 * <p>Parameters whose gradient is {@code null} are ignored. Stateless and thread-safe, though it
 * changes the gradients it is given in place.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales all gradients together so that their global L2 norm
     * {@code sqrt(sum over every element of every gradient of g^2)} is at most {@code maxNorm}:
     * when the norm exceeds it, every gradient is multiplied by {@code maxNorm / (norm + 1e-6)}
     * (the small term as in PyTorch, so the result lands just under the limit). Scaling all of them by
     * one factor keeps the update's direction.
     *
     * <p>When the norm is not finite (an overflow or NaN upstream), the gradients are left as they
     * are, since no scale would repair them; the returned value lets the caller skip the step.
     *
     * @param maxNorm the largest allowed norm, &gt; 0
     * @return the norm before clipping
     */
    public static double clipByNorm(List<Tensor> parameters, double maxNorm) {
        Validate.positive(maxNorm, "clipByNorm", "maxNorm");
        double sumOfSquares = 0;
        for (Tensor parameter : parameters) {
            if (parameter.grad() != null) {
                for (float g : parameter.grad().data()) {
                    sumOfSquares += (double) g * g;
                }
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm > maxNorm && Double.isFinite(norm)) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Tensor parameter : parameters) {
                if (parameter.grad() != null) {
                    float[] g = parameter.grad().data();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }
        }
        return norm;
    }

    /**
     * Clamps every gradient element to {@code [-limit, limit]} independently. Unlike
     * {@link #clipByNorm} this can change the update's direction. NaN elements stay NaN.
     *
     * @param limit the largest allowed magnitude, &gt; 0
     */
    public static void clipByValue(List<Tensor> parameters, double limit) {
        Validate.positive(limit, "clipByValue", "limit");
        float bound = (float) limit;
        for (Tensor parameter : parameters) {
            if (parameter.grad() != null) {
                float[] g = parameter.grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-bound, Math.min(bound, g[i]));
                }
            }
        }
    }
}
