package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The numbers of the article "Deep Learning from scratch: Neurons, Layers & Activations". */
class ArticleGoldenTest {
    static final float[] INPUTS = {4f, 9f, 2f, 1.3f, 5.6f};
    static final float[][] WEIGHTS = {
        {0.78f, -0.34f, 0.7f, -0.2f, -0.11f},
        {-0.24f, 1.24f, 0.43f, 0.04f, -0.3f},
        {0.5f, 0.65f, -0.3f, 0.64f, 0.1f},
    };
    static final float[] BIASES = {1.3f, -0.5f, 2.4f};

    @Test
    void neuronGivesTheArticlesOutput() {
        Neuron neuron = new Neuron(WEIGHTS[0], BIASES[0]);
        assertEquals(1.884f, neuron.output(INPUTS), 1e-5f);
    }

    @Test
    void neuronWithReluKeepsAPositiveOutput() {
        Neuron neuron = new Neuron(WEIGHTS[0], BIASES[0], new ReLU());
        assertEquals(1.884f, neuron.output(INPUTS), 1e-5f);
        Neuron negative = new Neuron(new float[] {-1f, 0f, 0f, 0f, 0f}, 0f, new ReLU());
        assertEquals(0f, negative.output(INPUTS), 0f);
    }

    @Test
    void layerOfThreeNeuronsGivesTheArticlesOutputs() {
        Dense layer = Dense.fromNeuronRows(WEIGHTS, BIASES);
        float[] expected = {1.884f, 8.932f, 11.042f};
        assertArrayEquals(expected, layer.forward(Tensor.vector(INPUTS)).toArray(), 1e-5f);
        assertArrayEquals(expected, new ReLU().forward(layer.forward(Tensor.vector(INPUTS))).toArray(), 1e-5f);
    }

    @Test
    void aBatchGivesOneRowPerInput() {
        Dense layer = Dense.fromNeuronRows(WEIGHTS, BIASES);
        float[][] batch = {INPUTS, {1f, -2f, 3.5f, 0.5f, 2f}, {0f, 0f, 0f, 0f, 0f}};
        Tensor out = layer.forward(Tensor.matrix(batch));
        assertEquals(Tensor.zeros(3, 3).shape(), out.shape());
        for (int r = 0; r < batch.length; r++) {
            for (int j = 0; j < 3; j++) {
                double expected = BIASES[j];
                for (int i = 0; i < 5; i++) {
                    expected += (double) WEIGHTS[j][i] * batch[r][i];
                }
                assertEquals(expected, out.get(r, j), 1e-5, "row " + r + " neuron " + j);
            }
        }
        assertArrayEquals(new float[] {1.884f, 8.932f, 11.042f}, out.sliceRows(0, 1).toArray(), 1e-5f);
        assertArrayEquals(BIASES, out.sliceRows(2, 3).toArray(), 1e-6f);
    }

    @Test
    void twoStackedLayersFeedTheFirstOutputMatrixIntoTheSecond() {
        Dense first = Dense.fromNeuronRows(WEIGHTS, BIASES);
        float[][] secondWeights = {{0.1f, -0.14f, 0.5f}, {-0.5f, 0.12f, -0.33f}};
        float[] secondBiases = {-1f, 2f};
        Dense second = Dense.fromNeuronRows(secondWeights, secondBiases);
        Tensor batch = Tensor.matrix(INPUTS, new float[] {1f, -2f, 3.5f, 0.5f, 2f});
        Tensor hidden = first.forward(batch);
        Tensor out = new Sequential(first, second).forward(batch);
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 2; j++) {
                double expected = secondBiases[j];
                for (int i = 0; i < 3; i++) {
                    expected += (double) secondWeights[j][i] * hidden.get(r, i);
                }
                assertEquals(expected, out.get(r, j), 1e-5);
            }
        }
        // 1.884*0.1 - 8.932*0.14 + 11.042*0.5 - 1 = 3.45892 for the article's input.
        assertEquals(3.45892f, out.get(0, 0), 1e-5f);
    }
}
