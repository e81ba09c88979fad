package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.data.Dataset;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Gemm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training gives the same bits on 1, 2 and 3 kernel threads: products large enough to be split
 * over the threads (taken by whichever thread is free first), small products run row by row, and
 * the convolution's per-image passes.
 */
class ThreadCountDeterminismTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp:784-96-48-10:relu", "mlp:784-16-16-10:sigmoid", "conv"})
    void theSameSeedGivesTheSameWeightsOnAnyThreadCount(String network) {
        List<float[]> oneThread = train(network, 1);
        for (int threads : new int[] {2, 3}) {
            List<float[]> more = train(network, threads);
            assertEquals(oneThread.size(), more.size());
            for (int p = 0; p < oneThread.size(); p++) {
                assertArrayEquals(oneThread.get(p), more.get(p), network + ": parameter " + p + " on " + threads + " threads");
            }
        }
    }

    private static List<float[]> train(String network, int threads) {
        int saved = Gemm.threads();
        Gemm.setThreads(threads);
        try {
            boolean conv = network.equals("conv");
            Supplier<Module> build = () -> conv
                    ? LayerList.parse("conv:8:3,relu,maxpool:2,flatten,dense:10").build(new int[] {1, 12, 12}, new Random(3))
                    : MlpSpec.parse(network).build(new Random(3));
            Module model = build.get();
            Random random = new Random(5);
            int rows = 384;
            Tensor features = conv ? Tensor.uniform(random, 0f, 1f, rows, 1, 12, 12) : Tensor.uniform(random, 0f, 1f, rows, 784);
            float[] labels = new float[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = random.nextInt(10);
            }
            Dataset data = Dataset.classification("random", features, Tensor.wrap(labels, rows), 10);
            Trainer.builder(model, new CrossEntropy(), Optimizers.create("adam", model.parameters(), null))
                    .epochs(1).batchSize(128).seed(11).progress(null).build().fit(data);
            List<float[]> weights = new ArrayList<>();
            for (Tensor parameter : model.parameters()) {
                weights.add(parameter.data().clone());
            }
            return weights;
        } finally {
            Gemm.setThreads(saved);
        }
    }
}
