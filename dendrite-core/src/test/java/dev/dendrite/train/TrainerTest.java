package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Sine;
import dev.dendrite.data.Spiral;
import dev.dendrite.data.Xor;
import dev.dendrite.loss.BinaryCrossEntropy;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.loss.MSE;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
    @Test
    void spiralIsLearnedByA2x64x3ReluNetworkWithAdam() {
        Dataset spiral = Spiral.generate(3, 100, 0.2, 7);
        Random random = new Random(1);
        Sequential model = new Sequential(new Dense(2, 64, random), new ReLU(), new Dense(64, 3, random));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(300).batchSize(300).seed(3).build();
        History history = trainer.fit(spiral);
        double accuracy = trainer.evaluate(spiral).accuracy();
        assertTrue(accuracy >= 0.97, "spiral training accuracy " + accuracy);
        assertTrue(history.series("loss")[0] > history.last().get("loss"), "loss went down");
    }

    /** onBatchEnd sees every batch of every epoch in order, with losses whose row-weighted mean is the epoch's. */
    @Test
    void callbacksSeeEveryBatchAndItsLoss() {
        Dataset sine = Sine.generate(100, 0.0, 11);
        Random random = new Random(2);
        Sequential model = new Sequential(new Dense(1, 8, random), new Tanh(), new Dense(8, 1, random));
        List<double[]> seen = new java.util.ArrayList<>();
        Callback callback = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
                seen.add(new double[] {epoch, batch, loss});
            }
        };
        History history = Trainer.builder(model, new MSE(), new Adam(model.parameters(), 0.01)).epochs(2).batchSize(32)
                .seed(4).callback(callback).build().fit(sine);
        assertEquals(8, seen.size(), "4 batches (32, 32, 32, 4 rows) in each of 2 epochs");
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i / 4 + 1, (int) seen.get(i)[0]);
            assertEquals(i % 4 + 1, (int) seen.get(i)[1]);
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            double sum = 0;
            for (int b = 0; b < 4; b++) {
                sum += seen.get(4 * epoch + b)[2] * (b < 3 ? 32 : 4);
            }
            assertEquals(history.epochs().get(epoch).get("loss"), sum / 100, 1e-6);
        }
    }

    @Test
    void xorIsLearnedByA2x4x1TanhNetworkWithPlainSgd() {
        Dataset xor = Xor.generate();
        Random random = new Random(5);
        Sequential model = new Sequential(new Dense(2, 4, random), new Tanh(), new Dense(4, 1, random));
        Trainer trainer = Trainer.builder(model, new BinaryCrossEntropy(), new SGD(model.parameters(), 0.5))
                .epochs(2000).batchSize(4).seed(1).build();
        trainer.fit(xor);
        Evaluation evaluation = trainer.evaluate(xor);
        assertEquals(1.0, evaluation.accuracy(), "XOR accuracy");
        assertTrue(evaluation.loss() < 0.05, "XOR loss " + evaluation.loss());
    }

    @Test
    void sineRegressionReachesASmallError() {
        Dataset sine = Sine.generate(512, 0.0, 11);
        Random random = new Random(2);
        Sequential model = new Sequential(new Dense(1, 32, random), new Tanh(), new Dense(32, 32, random),
                new Tanh(), new Dense(32, 1, random));
        Trainer trainer = Trainer.builder(model, new MSE(), new Adam(model.parameters(), 0.01))
                .epochs(300).batchSize(64).seed(4).build();
        trainer.fit(sine);
        Evaluation evaluation = trainer.evaluate(Sine.generate(200, 0.0, 12));
        assertTrue(evaluation.loss() < 2e-3, "sine test MSE " + evaluation.loss());
        assertEquals(evaluation.rmse() * evaluation.rmse(), evaluation.loss(), 1e-6);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndHistoryBitForBit() {
        List<Object> first = runSpiral(42);
        List<Object> second = runSpiral(42);
        assertArrayEquals((float[]) first.get(0), (float[]) second.get(0));
        assertArrayEquals((double[]) first.get(1), (double[]) second.get(1));
        List<Object> other = runSpiral(43);
        assertTrue(!java.util.Arrays.equals((float[]) first.get(0), (float[]) other.get(0)));
    }

    private static List<Object> runSpiral(long seed) {
        Dataset spiral = Spiral.generate(3, 50, 0.2, 7);
        Random random = new Random(seed);
        Sequential model = new Sequential(new Dense(2, 16, random), new ReLU(), new Dense(16, 3, random));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(5).batchSize(16).seed(seed).validationSplit(0.2).build();
        History history = trainer.fit(spiral);
        return List.of(model.parameters().get(0).toArray(), history.series("val_loss"));
    }

    @Test
    void trainersBuiltFromOneBuilderAreIndependent() {
        Dataset spiral = Spiral.generate(3, 20, 0.2, 7);
        Random random = new Random(4);
        Sequential model = new Sequential(new Dense(2, 4, random), new ReLU(), new Dense(4, 3, random));
        List<String> seen = new java.util.ArrayList<>();
        Trainer.Builder builder = Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 0.01))
                .epochs(2).batchSize(16).callback(new Callback() {
                    @Override
                    public void onEpochEnd(Trainer trainer, EpochRecord record) {
                        seen.add("first " + record.epoch());
                    }
                });
        Trainer first = builder.build();
        builder.epochs(3).batchSize(1000).callback(new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochRecord record) {
                seen.add("second " + record.epoch());
            }
        });
        Trainer second = builder.build();

        assertEquals(2, first.fit(spiral).size(), "the first trainer keeps its epochs");
        assertEquals(List.of("first 1", "first 2"), seen, "and its callbacks");
        seen.clear();
        assertEquals(3, second.fit(spiral).size());
        assertEquals(List.of("first 1", "second 1", "first 2", "second 2", "first 3", "second 3"), seen);
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheEpochAndBatch() {
        Dataset sine = Sine.generate(64, 0.0, 1);
        Random random = new Random(2);
        Sequential model = new Sequential(new Dense(1, 8, random), new ReLU(), new Dense(8, 1, random));
        Trainer trainer = Trainer.builder(model, new MSE(), new SGD(model.parameters(), 1e30))
                .epochs(5).batchSize(8).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(sine));
        assertTrue(e.getMessage().matches(".*loss is (NaN|Infinity|-Infinity) at epoch \\d+, batch \\d+.*"),
                e.getMessage());
    }

    @Test
    void earlyStoppingStopsWhenTheMonitoredMetricStallsAndRestoresTheBest() {
        Dataset spiral = Spiral.generate(3, 50, 0.2, 7);
        Random random = new Random(9);
        Sequential model = new Sequential(new Dense(2, 16, random), new ReLU(), new Dense(16, 3, random));
        EarlyStopping stopping = new EarlyStopping("val_loss", 2, 0.0, true);
        // A learning rate of zero never improves anything, so patience runs out after 1 + 2 + 1 epochs.
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 0.0))
                .epochs(50).validationSplit(0.2).callback(stopping).build();
        History history = trainer.fit(spiral);
        assertEquals(4, history.size());
        assertTrue(trainer.stopReason().startsWith("early stopping"), trainer.stopReason());
        assertEquals(1, stopping.bestEpoch());
    }

    @Test
    void evaluationReportsAConfusionMatrixThatAddsUp() {
        Dataset spiral = Spiral.generate(3, 40, 0.2, 7);
        Random random = new Random(9);
        Sequential model = new Sequential(new Dense(2, 8, random), new ReLU(), new Dense(8, 3, random));
        Evaluation evaluation = Evaluator.evaluate(model, new CrossEntropy(), spiral, 7);
        assertEquals(120, evaluation.confusion().total());
        assertEquals(evaluation.accuracy(), evaluation.confusion().accuracy(), 0);
        assertTrue(model.isTraining(), "evaluation restores training mode");
        Tensor logits = model.forward(spiral.features());
        assertEquals(Outputs.countCorrect(logits, spiral.targets()) / 120.0, evaluation.accuracy(), 1e-12);
    }

    @Test
    void fitReportsProgressOnStandardOutputByDefaultAndNullSilencesIt() {
        String quiet = System.clearProperty("dendrite.quiet");
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            Sequential model = new Sequential(new Dense(2, 3, new Random(1)));
            Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 0.1)).epochs(2).build()
                    .fit(Spiral.generate(3, 10, 0.1, 1));
            String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(printed.contains("epoch 1/2") && printed.contains("epoch 2/2"), printed);
            captured.reset();
            Trainer.builder(model, new CrossEntropy(), new SGD(model.parameters(), 0.1)).epochs(2).progress(null)
                    .build().fit(Spiral.generate(3, 10, 0.1, 1));
            assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            if (quiet != null) {
                System.setProperty("dendrite.quiet", quiet);
            }
        }
    }
}
