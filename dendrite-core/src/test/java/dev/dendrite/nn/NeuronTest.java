package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NeuronTest {
    @Test
    void gradientsOfInputsWeightsAndBiasMatchFiniteDifferences() {
        Neuron neuron = new Neuron(new float[] {0.5f, -0.3f, 0.8f}, 0.1f, new Tanh());
        Tensor x = Tensor.uniform(4L, -1f, 1f, 5, 3).requiresGrad(true);
        String mismatch = GradientCheck.standard().check(in -> neuron.forward(in[0]), x, neuron.weight(),
                neuron.bias());
        assertNull(mismatch, mismatch);
    }

    @Test
    void aBatchGivesOneOutputPerRow() {
        Neuron neuron = new Neuron(new float[] {1f, 2f}, -1f);
        Tensor out = neuron.forward(Tensor.matrix(new float[] {1, 1}, new float[] {0, 0}, new float[] {2, -1}));
        assertArrayEquals(new float[] {2f, -1f, -1f}, out.toArray());
    }

    @Test
    void rejectsAnInputOfTheWrongLengthNamingBothShapes() {
        Neuron neuron = new Neuron(new float[] {1f, 2f}, 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> neuron.forward(Tensor.vector(1f, 2f, 3f)));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
