package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011): each element's step shrinks with the sum of its squared
 * gradients, so rarely updated elements keep larger steps. The update rule, as PyTorch documents it
 * (without its learning-rate decay and initial accumulator options):
 *
 * <pre>
 * sum = sum + g^2                                  (sum starts at 0)
 * p   = p - learningRate * g / (sqrt(sum) + eps)
 * </pre>
 *
 * <p>Defaults: {@code learningRate = 1e-2}, {@code eps = 1e-10}. Because {@code sum} only grows,
 * the effective step keeps falling; {@link RMSProp} forgets old gradients instead.
 *
 * <p>Mutable and not thread-safe; the accumulator is one {@code float[]} per parameter.
 */
public final class AdaGrad extends Optimizer {
    private double epsilon = 1e-10;
    private final float[][] sumOfSquares;

    /** With {@code learningRate = 1e-2}. */
    public AdaGrad(List<Tensor> parameters) {
        this(parameters, 1e-2);
    }

    /** With the given learning rate (&gt;= 0). */
    public AdaGrad(List<Tensor> parameters, double learningRate) {
        super(parameters, learningRate);
        sumOfSquares = newState();
    }

    /** Sets {@code eps} (&gt; 0), added to the denominator so a zero gradient history cannot divide by 0. */
    public AdaGrad epsilon(double epsilon) {
        Validate.positive(epsilon, "AdaGrad", "epsilon");
        this.epsilon = epsilon;
        return this;
    }

    /** The {@code eps} term. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    protected void update(int index, float[] p, float[] grad) {
        float lr = (float) learningRate();
        float eps = (float) epsilon;
        float[] sum = sumOfSquares[index];
        for (int i = 0; i < p.length; i++) {
            float g = grad[i];
            sum[i] += g * g;
            p[i] -= lr * g / ((float) Math.sqrt(sum[i]) + eps);
        }
    }

    /** The accumulators {@code sum.i}, copied. */
    @Override
    public OptimizerState state() {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        putTensors(tensors, "sum", sumOfSquares);
        return new OptimizerState("AdaGrad", tensors, Map.of());
    }

    @Override
    public void loadState(OptimizerState state) {
        checkState(state, List.of("sum"), List.of(), List.of());
        copyTensors(state, "sum", sumOfSquares);
    }

    /** For example {@code AdaGrad(learningRate=0.01, epsilon=1.0E-10)}. */
    @Override
    public String toString() {
        return "AdaGrad(learningRate=" + learningRate() + ", epsilon=" + epsilon + ")";
    }
}
