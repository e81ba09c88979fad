package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture notes, 2012): divides each gradient by a running root mean square of
 * recent gradients. The update rule, as PyTorch documents it (uncentred):
 *
 * <pre>
 * v = alpha * v + (1 - alpha) * g^2                (v starts at 0)
 * if momentum > 0:
 *     b = momentum * b + g / (sqrt(v) + eps)       (b starts at 0)
 *     p = p - learningRate * b
 * else:
 *     p = p - learningRate * g / (sqrt(v) + eps)
 * </pre>
 *
 * <p>Defaults: {@code learningRate = 1e-2}, {@code alpha = 0.99}, {@code eps = 1e-8},
 * {@code momentum = 0}.
 *
 * <p>Mutable and not thread-safe; the state is one or two {@code float[]} per parameter.
 */
public final class RMSProp extends Optimizer {
    private double alpha = 0.99;
    private double epsilon = 1e-8;
    private double momentum;
    private final float[][] meanSquare;
    private final float[][] buffer;

    /** With {@code learningRate = 1e-2}. */
    public RMSProp(List<Tensor> parameters) {
        this(parameters, 1e-2);
    }

    /** With the given learning rate (&gt;= 0). */
    public RMSProp(List<Tensor> parameters, double learningRate) {
        super(parameters, learningRate);
        meanSquare = newState();
        buffer = new float[parameters.size()][];
    }

    /** Sets the smoothing constant {@code alpha}, in {@code [0, 1)}; returns this. */
    public RMSProp alpha(double alpha) {
        Validate.argument(alpha >= 0 && alpha < 1, "RMSProp", "alpha in [0, 1)", "alpha = " + alpha);
        this.alpha = alpha;
        return this;
    }

    /** Sets {@code eps} (&gt; 0), added to the denominator for numerical stability; returns this. */
    public RMSProp epsilon(double epsilon) {
        Validate.positive(epsilon, "RMSProp", "epsilon");
        this.epsilon = epsilon;
        return this;
    }

    /** Sets the momentum factor, in {@code [0, 1)}; returns this. */
    public RMSProp momentum(double momentum) {
        Validate.argument(momentum >= 0 && momentum < 1, "RMSProp", "momentum in [0, 1)", "momentum = " + momentum);
        this.momentum = momentum;
        return this;
    }

    /** The smoothing constant. */
    public double alpha() {
        return alpha;
    }

    /** The {@code eps} term. */
    public double epsilon() {
        return epsilon;
    }

    /** The momentum factor. */
    public double momentum() {
        return momentum;
    }

    @Override
    protected void update(int index, float[] p, float[] grad) {
        float lr = (float) learningRate();
        float a = (float) alpha;
        float keep = (float) (1 - alpha);
        float eps = (float) epsilon;
        float[] v = meanSquare[index];
        if (momentum > 0 && buffer[index] == null) {
            buffer[index] = new float[p.length];
        }
        float[] b = momentum > 0 ? buffer[index] : null;
        float mu = (float) momentum;
        for (int i = 0; i < p.length; i++) {
            float g = grad[i];
            v[i] = a * v[i] + keep * g * g;
            float scaled = g / ((float) Math.sqrt(v[i]) + eps);
            if (b != null) {
                b[i] = mu * b[i] + scaled;
                p[i] -= lr * b[i];
            } else {
                p[i] -= lr * scaled;
            }
        }
    }

    /** The running means {@code square_avg.i} and, once allocated, {@code momentum_buffer.i}, copied. */
    @Override
    public OptimizerState state() {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        putTensors(tensors, "square_avg", meanSquare);
        putTensors(tensors, "momentum_buffer", buffer);
        return new OptimizerState("RMSProp", tensors, Map.of());
    }

    @Override
    public void loadState(OptimizerState state) {
        checkState(state, List.of("square_avg"), List.of("momentum_buffer"), List.of());
        copyTensors(state, "square_avg", meanSquare);
        copyTensors(state, "momentum_buffer", buffer);
    }

    /** For example {@code RMSProp(learningRate=0.01, alpha=0.99, epsilon=1.0E-8, momentum=0.0)}. */
    @Override
    public String toString() {
        return "RMSProp(learningRate=" + learningRate() + ", alpha=" + alpha + ", epsilon=" + epsilon
                + ", momentum=" + momentum + ")";
    }
}
