package dev.dendrite.cli.plot;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;

/**
 * The gradient of a classifier's predicted class score with respect to its input: how much each
 * input value would move that score. The input is made a leaf that requires a gradient, the
 * predicted class's score is picked out with a one-hot mask, and {@code backward()} carries the
 * gradient to the input. The model's own parameter gradients are cleared afterwards.
 */
final class Saliency {
    private Saliency() {
    }

    /**
     * @param predicted   the predicted class
     * @param probability its softmax probability
     * @param gradient    d score / d input, one value per input value
     */
    record Result(int predicted, float probability, float[] gradient) {
    }

    /** The saliency of {@code input}, a batch of one sample, for {@code model} (put in evaluation mode). */
    static Result of(Module model, Tensor input) {
        model.eval();
        Tensor x = input.detach().copy().requiresGrad(true);
        Tensor scores = model.forward(x);
        float[] logits = scores.toArray();
        int best = 0;
        for (int c = 1; c < logits.length; c++) {
            best = logits[c] > logits[best] ? c : best;
        }
        float[] mask = new float[logits.length];
        mask[best] = 1;
        scores.mul(Tensor.wrap(mask, scores.shape().dims())).sum().backward();
        float[] gradient = x.grad().toArray();
        model.parameters().forEach(Tensor::zeroGrad);
        float probability = logits.length == 1 ? logits[0]
                : new Softmax().forward(Tensor.wrap(logits, 1, logits.length)).toArray()[best];
        return new Result(best, probability, gradient);
    }
}
