package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequentialTest {
    @Test
    void anObserverSeesEveryLayersOutputInOrder() {
        Random random = new Random(1);
        Sequential model = new Sequential(new Dense(3, 4, random), new ReLU(), new Dense(4, 2, random));
        Tensor x = Tensor.uniform(2L, -1f, 1f, 5, 3);
        List<String> seen = new ArrayList<>();
        Tensor observed = model.forward(x, (index, layer, output) ->
                seen.add(index + ":" + layer + ":" + output.shape()));
        assertEquals(List.of("0:Dense(3 -> 4):[5, 4]", "1:ReLU():[5, 4]", "2:Dense(4 -> 2):[5, 2]"), seen);
        assertArrayEquals(model.forward(x).toArray(), observed.toArray());
    }

    @Test
    void layersWhoseOutputsTheObserverDoesNotWatchAreFusedAndSkipped() {
        Random random = new Random(2);
        Sequential model = new Sequential(new Conv2d(1, 3, 3, random), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Dense(27, 4, random), new ReLU());
        Tensor x = Tensor.uniform(3L, -1f, 1f, 2, 1, 8, 8);
        List<String> seen = new ArrayList<>();
        Sequential.LayerObserver watchingFlattenOnly = new Sequential.LayerObserver() {
            @Override
            public void afterLayer(int index, Module layer, Tensor output) {
                seen.add(index + ":" + output.shape());
            }

            @Override
            public boolean watches(int index, Module layer) {
                return layer instanceof Flatten;
            }
        };
        Tensor observed = model.forward(x, watchingFlattenOnly);
        // The convolution, ReLU and pooling ran as one pass: the first output shown is the pooling's;
        // so did the dense layer and its ReLU, the last layer, whose output is always shown.
        assertEquals(List.of("2:[2, 3, 3, 3]", "3:[2, 27]", "5:[2, 4]"), seen);
        assertArrayEquals(model.forward(x).toArray(), observed.toArray());

        // Watching the ReLU stops the pass there: the ReLU's output is shown, the pooling runs alone.
        seen.clear();
        model.forward(x, new Sequential.LayerObserver() {
            @Override
            public void afterLayer(int index, Module layer, Tensor output) {
                seen.add(index + ":" + output.shape());
            }

            @Override
            public boolean watches(int index, Module layer) {
                return index == 1;
            }
        });
        assertEquals(List.of("1:[2, 3, 6, 6]", "2:[2, 3, 3, 3]", "3:[2, 27]", "5:[2, 4]"), seen);
    }

    @Test
    void aShapeErrorNamesTheLayerPath() {
        Sequential model = new Sequential(new Dense(3, 4, new Random(1)), new Dense(5, 2, new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("layers.1: Dense(5 -> 2)"), e.getMessage());
    }

    @Test
    void predictGivesPlainArraysInEvaluationModeAndRestoresTheMode() {
        Sequential model = new Sequential(new Dense(3, 4, new Random(1)), new Dropout(0.5, new Random(2)),
                new Dense(4, 2, new Random(3)));
        float[][] rows = {{1f, 2f, 3f}, {-1f, 0f, 0.5f}};
        float[][] predicted = model.predict(rows);
        assertTrue(model.isTraining(), "the mode is restored");
        model.eval();
        float[] expected;
        try (dev.dendrite.autograd.GradMode.Scope ignored = dev.dendrite.autograd.GradMode.noGrad()) {
            expected = model.forward(Tensor.matrix(rows)).data();
        }
        assertArrayEquals(expected, concat(predicted));
        assertArrayEquals(predicted[1], model.predict(rows[1]));
        assertFalse(model.isTraining(), "an evaluating model stays in evaluation mode");
    }

    @Test
    void predictProbaIsSoftmaxOrSigmoidForOneOutput() {
        Dense three = Dense.fromNeuronRows(new float[][] {{1f}, {0f}, {-1f}}, new float[] {0f, 0f, 0f});
        float[] p = new Sequential(three).predictProba(new float[] {Float.parseFloat("0.6931472")});
        // logits ln2, 0, -ln2: e^z = 2, 1, 0.5 over 3.5
        assertArrayEquals(new float[] {2f / 3.5f, 1f / 3.5f, 0.5f / 3.5f}, p, 1e-6f);
        Dense one = Dense.fromNeuronRows(new float[][] {{1f}}, new float[] {0f});
        assertArrayEquals(new float[] {0.5f, 0.5f}, new Sequential(one).predictProba(new float[] {0f}), 1e-7f);
    }

    @Test
    void summaryListsOutputShapes() {
        Sequential model = new Sequential(new Dense(4, 8, new Random(1)), new ReLU(), new Dense(8, 3, new Random(2)));
        String table = model.summary();
        assertTrue(table.contains("Dense(4 -> 8)") && table.contains("[N, 8]") && table.contains("[N, 3]")
                && table.contains("total parameters: 67"), table);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[] {1f, 2f}));
        assertTrue(e.getMessage().contains("[N, 4]") && e.getMessage().contains("[1, 2]"), e.getMessage());
    }

    private static float[] concat(float[][] rows) {
        float[] all = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, all, i * rows[i].length, rows[i].length);
        }
        return all;
    }
}
