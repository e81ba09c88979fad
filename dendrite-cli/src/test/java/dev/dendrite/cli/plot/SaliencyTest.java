package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Saliency is the gradient of the predicted score with respect to the input: checked by finite differences. */
class SaliencyTest {
    @Test
    void matchesFiniteDifferencesOfThePredictedScore() {
        Random random = new Random(7);
        Sequential model = new Sequential(new Dense(5, 6, random), new Tanh(), new Dense(6, 3, random));
        float[] x = {0.3f, -1.2f, 0.8f, 0.05f, -0.4f};
        Saliency.Result result = Saliency.of(model, Tensor.wrap(x.clone(), 1, 5));
        float step = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            float[] up = x.clone();
            float[] down = x.clone();
            up[i] += step;
            down[i] -= step;
            double slope = (score(model, up, result.predicted()) - score(model, down, result.predicted())) / (2 * step);
            assertEquals(slope, result.gradient()[i], 2e-3, "input " + i);
        }
        for (Tensor p : model.parameters()) {
            assertEquals(null, p.grad(), "the model's gradients are cleared");
        }
    }

    private static double score(Sequential model, float[] x, int c) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(Tensor.wrap(x, 1, x.length)).toArray()[c];
        }
    }
}
