package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.Identity;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.init.He;
import dev.dendrite.nn.init.Xavier;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseTest {
    @Test
    void aNewStepWritesItsGradientOverTheArrayZeroGradForgot() {
        Random random = new Random(8);
        Dense layer = new Dense(7, 3, random);
        Tensor first = Tensor.uniform(random, -1f, 1f, 5, 7);
        Tensor second = Tensor.uniform(random, -1f, 1f, 5, 7);

        layer.forward(first).pow(2f).sum().backward();
        float[] weightArray = layer.weight().grad().data();
        float[] biasArray = layer.bias().grad().data();
        layer.zeroGrad();
        layer.forward(second).pow(2f).sum().backward();
        assertSame(weightArray, layer.weight().grad().data(), "the weight's gradient array was not reused");
        assertSame(biasArray, layer.bias().grad().data(), "the bias's gradient array was not reused");

        // The reused arrays hold exactly what a fresh layer computes, not the stale step added in.
        Dense fresh = new Dense(layer.weight().detach().copy(), layer.bias().detach().copy());
        fresh.forward(second).pow(2f).sum().backward();
        assertArrayEquals(fresh.weight().grad().data(), layer.weight().grad().data());
        assertArrayEquals(fresh.bias().grad().data(), layer.bias().grad().data());

        // Without zeroGrad, a second backward still adds.
        float[] once = layer.weight().grad().data().clone();
        layer.forward(second).pow(2f).sum().backward();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], layer.weight().grad().data()[i], 1e-5f * Math.abs(once[i]) + 1e-6f);
        }
    }

    @Test
    void eachRowOfTheOutputIsItsProductPlusTheBias() {
        // Row counts where the doubling copies of the bias end on a partial copy, and none.
        Random random = new Random(12);
        Dense layer = new Dense(7, 5, random);
        float[] w = layer.weight().data();
        float[] b = layer.bias().data();
        for (int rows : new int[] {0, 1, 3, 5, 50}) {
            Tensor x = Tensor.uniform(random, -1f, 1f, rows, 7);
            float[] y = layer.forward(x).data();
            assertEquals(rows * 5, y.length);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < 5; j++) {
                    // In double: the scalar path (no Vector API) adds in another order than the SIMD one.
                    double sum = b[j];
                    for (int p = 0; p < 7; p++) {
                        sum += (double) x.data()[r * 7 + p] * w[p * 5 + j];
                    }
                    assertEquals(sum, y[r * 5 + j], 1e-5, "row " + r + " of " + rows + ", column " + j);
                }
            }
        }
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchFiniteDifferences() {
        Random random = new Random(3);
        Dense layer = new Dense(5, 4, random);
        Tensor x = Tensor.uniform(random, -1f, 1f, 6, 5).requiresGrad(true);
        Tensor w = layer.weight();
        Tensor b = layer.bias();
        b.data()[1] = 0.3f;
        String mismatch = GradientCheck.standard().check(in -> layer.forward(in[0]), x, w, b);
        assertNull(mismatch, mismatch);
    }

    /** The activations a dense layer takes into its op, each with inputs near its kinks kept away. */
    private static List<ElementwiseActivation> activations() {
        return List.of(new ReLU(), new Sigmoid(), new Tanh(), new GELU(), new LeakyReLU(0.1f), new SiLU(), new ELU(1f));
    }

    @Test
    void anActivationAppliedInTheSameOpGivesTheBitsOfTheTwoLayers() {
        for (ElementwiseActivation activation : activations()) {
            for (boolean freshGradient : new boolean[] {true, false}) {
                Random random = new Random(11);
                Dense layer = new Dense(9, 6, random);
                Tensor x = Tensor.uniform(random, -2f, 2f, 13, 9);
                Tensor dy = Tensor.uniform(random, -1f, 1f, 13, 6);
                String context = activation + (freshGradient ? ", fresh gradient" : ", kept gradient");

                Tensor xApart = x.detach().copy().requiresGrad(true);
                Tensor apart = activation.forward(layer.forward(xApart));
                backward(apart, dy, freshGradient);
                float[] weightGrad = layer.weight().grad().data().clone();
                float[] biasGrad = layer.bias().grad().data().clone();
                layer.zeroGrad();

                Tensor xFused = x.detach().copy().requiresGrad(true);
                Module.Fused fused = layer.forwardFused(xFused, List.of(activation, new ReLU()));
                assertEquals(1, fused.layers(), context);
                assertArrayEquals(apart.data(), fused.output().data(), context + " output");
                backward(fused.output(), dy, freshGradient);
                assertArrayEquals(xApart.grad().data(), xFused.grad().data(), context + " dx");
                assertArrayEquals(weightGrad, layer.weight().grad().data(), context + " dW");
                assertArrayEquals(biasGrad, layer.bias().grad().data(), context + " db");
            }
        }
    }

    /**
     * Backpropagates {@code dy} from {@code output}: as the fresh result of a later op's backward
     * (which the op may write over), or as a gradient the caller keeps.
     */
    private static void backward(Tensor output, Tensor dy, boolean fresh) {
        if (fresh) {
            // An element-wise op's backward hands back dy·1 as a new array that nobody else holds.
            new Identity().forward(output).backward(dy);
        } else {
            output.backward(dy);
        }
    }

    @Test
    void theFusedOpsGradientsMatchFiniteDifferences() {
        for (ElementwiseActivation activation : List.of(new Sigmoid(), new Tanh(), new GELU(), new ReLU())) {
            Random random = new Random(5);
            Dense layer = new Dense(5, 4, random);
            Tensor x = Tensor.uniform(random, -1f, 1f, 6, 5).requiresGrad(true);
            if (activation instanceof ReLU) {
                // keep every pre-activation away from the kink, where the difference quotient is not the slope
                try (GradMode.Scope ignored = GradMode.noGrad()) {
                    float[] z = layer.forward(x).data();
                    for (int i = 0; i < z.length; i++) {
                        if (Math.abs(z[i]) < 0.05f) {
                            layer.bias().data()[i % 4] += 0.2f;
                        }
                    }
                }
            }
            String mismatch = GradientCheck.standard().check(
                    in -> layer.forwardFused(in[0], List.of(activation)).output(), x, layer.weight(), layer.bias());
            assertNull(mismatch, activation + ": " + mismatch);
        }
    }

    @Test
    void onlyAnElementWiseActivationOnABatchIsTakenIn() {
        Dense layer = new Dense(4, 3, new Random(2));
        assertNull(layer.forwardFused(Tensor.zeros(2, 4), List.of(new Dense(3, 2, new Random(3)))));
        assertNull(layer.forwardFused(Tensor.zeros(2, 4), List.of(new Softmax())));
        assertNull(layer.forwardFused(Tensor.zeros(4), List.of(new ReLU())), "a single sample takes the plain path");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> layer.forwardFused(Tensor.zeros(2, 5), List.of(new ReLU())));
        assertEquals("Dense(4 -> 3): expected input [N, 4], got [2, 5]", error.getMessage());
    }

    @Test
    void backwardIsTheTextbookProducts() {
        Dense layer = new Dense(Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6}),
                Tensor.vector(0.5f, -0.5f));
        Tensor x = Tensor.matrix(new float[] {1, 0, -1}, new float[] {2, 1, 0}).requiresGrad(true);
        Tensor dy = Tensor.matrix(new float[] {1, 2}, new float[] {-1, 1});
        layer.forward(x).backward(dy);
        // dW = xᵀ·dY, db = Σ dY, dX = dY·Wᵀ
        assertArrayEquals(new float[] {-1, 4, -1, 1, -1, -2}, layer.weight().grad().toArray());
        assertArrayEquals(new float[] {0, 3}, layer.bias().grad().toArray());
        assertArrayEquals(new float[] {5, 11, 17, 1, 1, 1}, x.grad().toArray());
    }

    @Test
    void rejectsAnInputOfTheWrongWidthNamingBothShapes() {
        Dense layer = new Dense(784, 256, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(32, 785)));
        assertTrue(e.getMessage().contains("[N, 784]") && e.getMessage().contains("[32, 785]"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Dense(784 -> 256)"), e.getMessage());
    }

    @Test
    void aSingleSampleGivesAVector() {
        Dense layer = new Dense(3, 2, new Random(1));
        assertArrayEquals(new int[] {2}, layer.forward(Tensor.vector(1, 2, 3)).shape().dims());
    }

    @Test
    void initialisersAreSeededAndScaledByFanIn() {
        Dense a = new Dense(400, 300, He.normal(), Xavier.uniform(), new Random(7));
        Dense b = new Dense(400, 300, He.normal(), Xavier.uniform(), new Random(7));
        assertArrayEquals(a.weight().toArray(), b.weight().toArray());
        double variance = a.weight().pow(2).mean().item();
        assertEquals(2.0 / 400, variance, 0.1 * 2.0 / 400);
        float limit = (float) Math.sqrt(6.0 / (400 + 300));
        assertTrue(a.bias().abs().max().item() <= limit);
    }

    @Test
    void inferenceUnderNoGradRecordsNothing() {
        Dense layer = new Dense(3, 2, new Random(1));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor y = layer.forward(Tensor.ones(4, 3));
            assertNull(y.creator());
            assertTrue(!y.requiresGrad());
        }
    }

    @Test
    void namesItsParametersAndPrintsItsShape() {
        Dense layer = new Dense(4, 2, new Random(1));
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(layer.namedParameters().keySet()));
        assertEquals("Dense(4 -> 2)", layer.toString());
        assertEquals(10, layer.parameterCount());
    }
}
