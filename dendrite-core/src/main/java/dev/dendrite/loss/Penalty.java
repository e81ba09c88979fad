package dev.dendrite.loss;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Weight penalties to add to a loss, built from tensor ops so their gradients flow to the weights:
 *
 * <pre>{@code
 * Tensor loss = new MSE().compute(model.forward(x), y).add(Penalty.l2(model.parameters(), 1e-4));
 * }</pre>
 *
 * <p>{@code l2} follows Keras ({@code lambda * sum w^2}, gradient {@code 2 lambda w}); an optimizer's
 * L2 weight decay {@code wd}, as in PyTorch, equals {@code l2} with {@code lambda = wd / 2}. Usually
 * only weights are penalised, not biases: pass the tensors you mean.
 *
 * <p>Stateless and thread-safe.
 */
public final class Penalty {
    private Penalty() {
    }

    /** The L1 penalty {@code lambda * sum_p sum |p|}, a scalar tensor (0 for an empty list). */
    public static Tensor l1(List<Tensor> parameters, double lambda) {
        Validate.nonNegative(lambda, "Penalty.l1", "lambda");
        Tensor total = Tensor.scalar(0f);
        for (Tensor parameter : parameters) {
            total = total.add(parameter.abs().sum());
        }
        return total.mul((float) lambda);
    }

    /** The L2 penalty {@code lambda * sum_p sum p^2}, a scalar tensor (0 for an empty list). */
    public static Tensor l2(List<Tensor> parameters, double lambda) {
        Validate.nonNegative(lambda, "Penalty.l2", "lambda");
        Tensor total = Tensor.scalar(0f);
        for (Tensor parameter : parameters) {
            total = total.add(parameter.mul(parameter).sum());
        }
        return total.mul((float) lambda);
    }
}
