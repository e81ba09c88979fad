package dev.dendrite.optim;

import dev.dendrite.tensor.kernel.AdamUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Adam} and {@link AdamW} share: the two moments and the step count of each parameter,
 * one step of the update rule, and the moments' export to and import from checkpoints. The two
 * optimizers differ only in how weight decay enters ({@code decay}: added to the gradient;
 * {@code shrink}: applied to the weight directly).
 *
 * <p>Mutable and not thread-safe, like its owner.
 */
final class AdamMoments {
    private final float[][] firstMoment;
    private final float[][] secondMoment;
    private final int[] steps;

    AdamMoments(Optimizer owner) {
        firstMoment = owner.newState();
        secondMoment = owner.newState();
        steps = new int[firstMoment.length];
    }

    /** One Adam step of parameter {@code index}, at its next step count. */
    void update(int index, float[] p, float[] grad, double learningRate, double beta1, double beta2,
                double epsilon, boolean biasCorrection, double decay, double shrink) {
        int t = ++steps[index];
        double correction1 = biasCorrection ? 1 - Math.pow(beta1, t) : 1;
        double correction2 = biasCorrection ? 1 - Math.pow(beta2, t) : 1;
        float stepSize = (float) (learningRate / correction1);
        float rootCorrection2 = (float) Math.sqrt(correction2);
        // 1 - beta in double: 1 - 0.999f would carry beta2's float rounding into a 1e-5 relative error
        float keep1 = (float) (1 - beta1);
        float keep2 = (float) (1 - beta2);
        AdamUpdate.apply(p, grad, firstMoment[index], secondMoment[index], (float) beta1, keep1, (float) beta2,
                keep2, stepSize, rootCorrection2, (float) epsilon, (float) decay, (float) shrink);
    }

    /** The moments {@code exp_avg.i}, {@code exp_avg_sq.i} and step counts {@code step.i}, copied. */
    OptimizerState state(String optimizer) {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Optimizer.putTensors(tensors, "exp_avg", firstMoment);
        Optimizer.putTensors(tensors, "exp_avg_sq", secondMoment);
        return new OptimizerState(optimizer, tensors, Optimizer.countEntries("step", steps));
    }

    /** Replaces the moments and step counts with {@code state}'s, after {@code owner} has checked it. */
    void load(Optimizer owner, OptimizerState state) {
        owner.checkState(state, List.of("exp_avg", "exp_avg_sq"), List.of(), List.of("step"));
        Optimizer.copyTensors(state, "exp_avg", firstMoment);
        Optimizer.copyTensors(state, "exp_avg_sq", secondMoment);
        System.arraycopy(Optimizer.readCounts(state, "step", steps.length), 0, steps, 0, steps.length);
    }
}
