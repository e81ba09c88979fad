package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.ElementRanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum, Nesterov momentum and L2 weight decay.
 * The update rule, as PyTorch documents it, for each parameter {@code p} with gradient {@code g}:
 *
 * <pre>
 * g = g + weightDecay * p                       if weightDecay != 0
 * if momentum != 0:
 *     b = g                                     on the parameter's first step
 *     b = momentum * b + (1 - dampening) * g    afterwards
 *     g = g + momentum * b                      if nesterov
 *     g = b                                     otherwise
 * p = p - learningRate * g
 * </pre>
 *
 * <p>Defaults: {@code momentum = 0}, {@code dampening = 0}, {@code nesterov = false},
 * {@code weightDecay = 0}; the learning rate has no default. Options are set fluently:
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(model.parameters(), 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4);
 * }</pre>
 *
 * <p>Nesterov needs {@code momentum > 0} and {@code dampening = 0}, so set momentum first.
 * Mutable and not thread-safe; the momentum buffer is one {@code float[]} per parameter, allocated
 * on its first step with momentum. A large parameter's update is split over the kernel threads;
 * each element is updated alone, so the result is the same for any thread count.
 */
public final class SGD extends Optimizer {
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private final float[][] velocity;

    /** Plain SGD over {@code parameters} with the given learning rate (&gt;= 0). */
    public SGD(List<Tensor> parameters, double learningRate) {
        super(parameters, learningRate);
        velocity = new float[parameters.size()][];
    }

    /** Sets the momentum factor, in {@code [0, 1)}; returns this optimizer. */
    public SGD momentum(double momentum) {
        Validate.argument(momentum >= 0 && momentum < 1, "SGD", "momentum in [0, 1)", "momentum = " + momentum);
        Validate.argument(!nesterov || momentum > 0, "SGD", "momentum > 0 while Nesterov is on",
                "momentum = " + momentum + ". Call nesterov(false) first");
        this.momentum = momentum;
        return this;
    }

    /** Sets the dampening of the gradient added to the momentum buffer, in {@code [0, 1]}; returns this. */
    public SGD dampening(double dampening) {
        Validate.argument(dampening >= 0 && dampening <= 1, "SGD", "dampening in [0, 1]", "dampening = " + dampening);
        Validate.argument(!nesterov || dampening == 0, "SGD", "dampening = 0 while Nesterov is on",
                "dampening = " + dampening);
        this.dampening = dampening;
        return this;
    }

    /** Turns Nesterov momentum on or off; on needs {@code momentum > 0} and {@code dampening = 0}. */
    public SGD nesterov(boolean nesterov) {
        Validate.argument(!nesterov || (momentum > 0 && dampening == 0), "SGD",
                "momentum > 0 and dampening = 0 for Nesterov",
                "momentum = " + momentum + ", dampening = " + dampening + ". Call momentum(...) before nesterov(true)");
        this.nesterov = nesterov;
        return this;
    }

    /** Sets the L2 weight decay (&gt;= 0), added to the gradient as {@code weightDecay * p}; returns this. */
    public SGD weightDecay(double weightDecay) {
        Validate.nonNegative(weightDecay, "SGD", "weightDecay");
        this.weightDecay = weightDecay;
        return this;
    }

    /** The momentum factor. */
    public double momentum() {
        return momentum;
    }

    /** The dampening. */
    public double dampening() {
        return dampening;
    }

    /** Whether Nesterov momentum is on. */
    public boolean nesterov() {
        return nesterov;
    }

    /** The L2 weight decay. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void update(int index, float[] p, float[] grad) {
        float lr = (float) learningRate();
        float decay = (float) weightDecay;
        if (momentum == 0) {
            ElementRanges.forEach(p.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    p[i] -= lr * (grad[i] + decay * p[i]);
                }
            });
            return;
        }
        float mu = (float) momentum;
        float keep = (float) (1 - dampening);
        boolean first = velocity[index] == null;
        if (first) {
            velocity[index] = new float[p.length];
        }
        float[] b = velocity[index];
        ElementRanges.forEach(p.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                float g = grad[i] + decay * p[i];
                b[i] = first ? g : mu * b[i] + keep * g;
                p[i] -= lr * (nesterov ? g + mu * b[i] : b[i]);
            }
        });
    }

    /**
     * The momentum buffers {@code momentum_buffer.i}, copied; a parameter that has not yet taken a
     * step with momentum has none, so that its first step after a reload still starts the buffer
     * from the gradient.
     */
    @Override
    public OptimizerState state() {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        putTensors(tensors, "momentum_buffer", velocity);
        return new OptimizerState("SGD", tensors, Map.of());
    }

    @Override
    public void loadState(OptimizerState state) {
        checkState(state, List.of(), List.of("momentum_buffer"), List.of());
        copyTensors(state, "momentum_buffer", velocity);
    }

    /** For example {@code SGD(learningRate=0.1, momentum=0.9, dampening=0.0, nesterov=true, weightDecay=0.0)}. */
    @Override
    public String toString() {
        return "SGD(learningRate=" + learningRate() + ", momentum=" + momentum + ", dampening=" + dampening
                + ", nesterov=" + nesterov + ", weightDecay=" + weightDecay + ")";
    }
}
