package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    /** Three parameters with gradients [3, 4], [12] and none. */
    private static List<Tensor> parametersWithGradients() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        Tensor none = Tensor.zeros(3).requiresGrad(true);
        a.accumulateGrad(Tensor.vector(3f, 4f));
        b.accumulateGrad(Tensor.vector(12f));
        return List.of(a, b, none);
    }

    @Test
    void clipByNormScalesAllGradientsByOneFactor() {
        List<Tensor> parameters = parametersWithGradients();
        // global norm sqrt(9 + 16 + 144) = 13; a limit of 6.5 halves every gradient
        double norm = GradientClipping.clipByNorm(parameters, 6.5);
        assertEquals(13.0, norm, 1e-12);
        assertArrayEquals(new float[] {1.5f, 2f}, parameters.get(0).grad().data(), 1e-5f);
        assertArrayEquals(new float[] {6f}, parameters.get(1).grad().data(), 1e-5f);
        assertNull(parameters.get(2).grad());
        assertEquals(6.5, GradientClipping.clipByNorm(parameters, 100), 1e-5);
    }

    @Test
    void clipByNormLeavesSmallGradientsAlone() {
        List<Tensor> parameters = parametersWithGradients();
        assertEquals(13.0, GradientClipping.clipByNorm(parameters, 13.5), 1e-12);
        assertArrayEquals(new float[] {3f, 4f}, parameters.get(0).grad().data());
        assertArrayEquals(new float[] {12f}, parameters.get(1).grad().data());
    }

    @Test
    void clipByNormReportsAnInfiniteNormWithoutTouchingTheGradients() {
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        a.accumulateGrad(Tensor.vector(Float.POSITIVE_INFINITY, 1f));
        assertTrue(Double.isInfinite(GradientClipping.clipByNorm(List.of(a), 1)));
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1f}, a.grad().data());
    }

    @Test
    void clipByValueClampsEachElement() {
        List<Tensor> parameters = parametersWithGradients();
        GradientClipping.clipByValue(parameters, 3.5);
        assertArrayEquals(new float[] {3f, 3.5f}, parameters.get(0).grad().data());
        assertArrayEquals(new float[] {3.5f}, parameters.get(1).grad().data());
        Tensor negative = Tensor.zeros(3).requiresGrad(true);
        negative.accumulateGrad(Tensor.vector(-10f, -0.5f, 0f));
        GradientClipping.clipByValue(List.of(negative), 1);
        assertArrayEquals(new float[] {-1f, -0.5f, 0f}, negative.grad().data());
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByNorm(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByValue(List.of(), -1));
    }
}
