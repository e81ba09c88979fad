package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.io.ModelFile;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.Gemm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded model in eval mode serves many threads at once: eight threads predict the same inputs,
 * in different orders and all at the same time, each under its own {@code GradMode.noGrad()}, and
 * every output is bit for bit what one thread computed alone. The model has Dropout layers (which
 * must pass inputs through in eval mode) and layers large enough that the matrix products are split
 * over the kernel threads, so the kernels' shared worker pool is exercised too.
 */
class ConcurrentInferenceTest {
    private static final int THREADS = 8;
    private static final int FEATURES = 784;
    private static final int INPUTS = 2048;
    /** Batch sizes in turn: 64 x 784 x 512 = 25.7M multiply-adds is well above the GEMM's split threshold. */
    private static final int[] BATCH_SIZES = {64, 1, 128, 7, 256, 64, 33};

    @TempDir
    Path directory;

    @Test
    void eightThreadsPredictExactlyWhatOneThreadPredicts() throws Exception {
        Path file = directory.resolve("model.safetensors");
        Random random = new Random(17);
        ModelFile.save(file, new Sequential(new Dense(FEATURES, 512, random), new ReLU(), new Dropout(0.5, random),
                new Dense(512, 256, random), new Tanh(), new Dropout(0.3, random), new Dense(256, 10, random),
                new Softmax()), Map.of());
        Sequential model = ModelFile.load(file).model();
        model.eval();
        Map<String, float[]> weightsBefore = snapshot(model);
        List<Tensor> batches = batches(Tensor.uniform(new Random(23), 0f, 1f, INPUTS, FEATURES));

        int threadsBefore = Gemm.threads();
        Gemm.setThreads(4); // split large products even on a machine with fewer cores
        try {
            List<float[]> alone = predictAll(model, batches, identityOrder(batches.size()));
            assertNotAllSame(alone);
            List<float[]>[] together = predictConcurrently(model, batches);
            for (int thread = 0; thread < THREADS; thread++) {
                for (int batch = 0; batch < batches.size(); batch++) {
                    assertArrayEquals(alone.get(batch), together[thread].get(batch),
                            "thread " + thread + ", batch " + batch + " of " + batches.get(batch).shape());
                }
            }
        } finally {
            Gemm.setThreads(threadsBefore);
        }
        Map<String, float[]> weightsAfter = snapshot(model);
        weightsBefore.forEach((name, values) -> assertArrayEquals(values, weightsAfter.get(name), name + " changed"));
        assertTrue(GradMode.isEnabled(), "noGrad on the workers leaves this thread recording");
    }

    /** Every thread predicts every batch, in its own order, starting together. */
    @SuppressWarnings("unchecked")
    private static List<float[]>[] predictConcurrently(Module model, List<Tensor> batches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                List<Integer> order = identityOrder(batches.size());
                Collections.shuffle(order, new Random(100 + thread));
                futures.add(pool.submit(() -> {
                    assertTrue(GradMode.isEnabled(), "a new thread starts recording");
                    start.await();
                    return predictAll(model, batches, order);
                }));
            }
            List<float[]>[] results = new List[THREADS];
            for (int thread = 0; thread < THREADS; thread++) {
                results[thread] = futures.get(thread).get(10, TimeUnit.MINUTES);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Predicts the batches in {@code order}; returns the outputs by batch index. */
    private static List<float[]> predictAll(Module model, List<Tensor> batches, List<Integer> order) {
        float[][] outputs = new float[batches.size()][];
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int index : order) {
                Tensor output = model.forward(batches.get(index));
                assertFalse(output.requiresGrad(), "no graph is recorded under noGrad");
                int rows = batches.get(index).rank() == 1 ? 1 : batches.get(index).shape().dim(0);
                assertEquals(rows * 10, output.size());
                outputs[index] = output.data().clone();
            }
        }
        return List.of(outputs);
    }

    /** Rows cut into batches of the sizes in turn; a batch of one is a single sample {@code [784]}. */
    private static List<Tensor> batches(Tensor inputs) {
        List<Tensor> batches = new ArrayList<>();
        int row = 0;
        for (int i = 0; row < INPUTS; i++) {
            int size = Math.min(BATCH_SIZES[i % BATCH_SIZES.length], INPUTS - row);
            Tensor batch = inputs.sliceRows(row, row + size).detach().copy();
            batches.add(size == 1 ? batch.reshape(FEATURES) : batch);
            row += size;
        }
        return batches;
    }

    private static List<Integer> identityOrder(int size) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        return order;
    }

    private static Map<String, float[]> snapshot(Module model) {
        Map<String, float[]> copy = new java.util.LinkedHashMap<>();
        model.namedParameters().forEach((name, tensor) -> copy.put(name, tensor.data().clone()));
        return copy;
    }

    /** Guards against a vacuous comparison: the model must tell inputs apart. */
    private static void assertNotAllSame(List<float[]> outputs) {
        float[] first = outputs.get(0);
        assertFalse(first[0] == first[10] && first[1] == first[11] && first[2] == first[12],
                "the first two predictions are identical; the comparison would prove nothing");
    }
}
