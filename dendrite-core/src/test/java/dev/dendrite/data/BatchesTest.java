package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.BackgroundWork;
import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.RestoresThreadCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RestoresThreadCount.class) // tests set the thread count
class BatchesTest {
    private final Dataset dataset = DatasetTest.numbered(10, 3);

    /** The row ids (feature 0) of every batch of one epoch, batch by batch. */
    private static List<int[]> rows(Batches batches, int epoch) {
        List<int[]> out = new ArrayList<>();
        for (Batch batch : batches.epoch(epoch)) {
            int[] ids = new int[batch.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) batch.features().get(i, 0);
                assertEquals(-ids[i], batch.features().get(i, 1), 0f);
                assertEquals(ids[i] % 3, batch.targets().get(i), 0f, "target follows its row");
            }
            out.add(ids);
        }
        return out;
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void unshuffledBatchesKeepOrderAndThePartialLastBatch() {
        Batches batches = new Batches(dataset, 4, false, 0);
        assertEquals(3, batches.batchesPerEpoch());
        List<int[]> epoch = rows(batches, 0);
        assertArrayEquals(new int[] {0, 1, 2, 3}, epoch.get(0));
        assertArrayEquals(new int[] {8, 9}, epoch.get(2));
        assertArrayEquals(new int[] {2, 2}, batchShapes(batches, 2));
    }

    @Test
    void shuffledEpochCoversEveryRowOnce() {
        Batches batches = new Batches(dataset, 3, true, 42);
        for (int epoch = 0; epoch < 5; epoch++) {
            int[] seen = flatten(rows(batches, epoch));
            int[] sorted = seen.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        }
    }

    @Test
    void shuffleDiffersAcrossEpochsButIsReproducible() {
        Batches batches = new Batches(DatasetTest.numbered(50, 3), 8, true, 42);
        int[] first = flatten(rows(batches, 0));
        int[] second = flatten(rows(batches, 1));
        assertFalse(Arrays.equals(first, second));
        assertArrayEquals(first, flatten(rows(batches, 0)));
        assertArrayEquals(second, flatten(rows(new Batches(DatasetTest.numbered(50, 3), 8, true, 42), 1)));
        assertFalse(Arrays.equals(first, flatten(rows(new Batches(DatasetTest.numbered(50, 3), 8, true, 43), 0))));
        assertArrayEquals(first, batches.order(0));
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        Batches batches = new Batches(dataset, 4, true, 1, true);
        assertEquals(2, batches.batchesPerEpoch());
        List<int[]> epoch = rows(batches, 0);
        assertEquals(2, epoch.size());
        assertEquals(8, flatten(epoch).length);
    }

    @Test
    void reusingArraysGivesTheSameBatchesInTwoFeatureArraysOnAnyThreadCount() {
        // Batches of 8 rows of 512 features fill one chunk (4096 floats): the least gathered ahead.
        for (int threads : new int[] {1, 2, 3}) {
            Gemm.setThreads(threads);
            Batches batches = new Batches(wide(50, 512), 8, true, 42);
            Iterator<Batch> fresh = batches.epoch(3).iterator();
            Set<float[]> featureArrays = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<float[]> targetArrays = Collections.newSetFromMap(new IdentityHashMap<>());
            float[] previous = null;
            int count = 0;
            for (Batch batch : batches.epochReusingArrays(3)) {
                Batch expected = fresh.next();
                String where = "batch " + count + " on " + threads + " threads";
                assertArrayEquals(expected.features().data(), batch.features().data(), where);
                assertArrayEquals(expected.targets().data(), batch.targets().data(), where);
                assertArrayEquals(expected.features().shape().dims(), batch.features().shape().dims(), where);
                if (BackgroundWork.available()) { // gathered ahead, into the array the batch before the last used
                    assertTrue(batch.features().data() != previous,
                            where + " is in the array of the batch before it");
                }
                previous = batch.features().data();
                if (batch.size() == 8) {
                    featureArrays.add(batch.features().data());
                    targetArrays.add(batch.targets().data());
                }
                count++;
            }
            assertFalse(fresh.hasNext());
            assertEquals(7, count, "50 rows in batches of 8");
            int arrays = BackgroundWork.available() ? 2 : 1; // one where no worker can gather ahead
            assertEquals(arrays, featureArrays.size(), "feature arrays on " + threads + " threads");
            assertEquals(1, targetArrays.size(), "target arrays on " + threads + " threads");
        }
    }

    @Test
    void batchesGatheredAheadMatchThoseGatheredOnDemandWithAugmentationAndAPartialBatch() throws InterruptedException {
        // Rows of 1000 features in batches of 10: a chunk of a gather done ahead (4096 floats)
        // starts and ends inside rows, and a batch's last chunk is partial.
        Dataset wide = wide(45, 1000);
        List<float[]> byThreads = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Gemm.setThreads(threads);
            Batches batches = new Batches(wide, 10, true, 7).withAugmentation(DRAW_INTO_FEATURE_1);
            float[] all = new float[0];
            for (int epoch = 0; epoch < 3; epoch++) {
                Iterator<Batch> fresh = batches.epoch(epoch).iterator();
                for (Batch batch : batches.epochReusingArrays(epoch)) {
                    float[] expected = fresh.next().features().data();
                    String where = "epoch " + epoch + " on " + threads + " threads";
                    assertArrayEquals(expected, batch.features().data(), where);
                    Thread.sleep(1); // time for the next batch's gather to run on the worker
                    assertArrayEquals(expected, batch.features().data(), where + ", while it was held");
                    all = concat(all, batch.features().data());
                }
                assertFalse(fresh.hasNext());
            }
            byThreads.add(all);
        }
        assertArrayEquals(byThreads.get(0), byThreads.get(1));
    }

    @Test
    void theThreadCountChangingMidEpochLeavesTheBatchesAlone() throws InterruptedException {
        Batches batches = new Batches(wide(90, 512), 8, true, 5);
        Iterator<Batch> fresh = batches.epoch(1).iterator();
        int[] threadsBeforeBatch = {2, 2, 1, 1, 2, 1, 2, 2, 2, 1, 2, 2, 1};
        int index = 0;
        Gemm.setThreads(threadsBeforeBatch[0]);
        for (Batch batch : batches.epochReusingArrays(1)) {
            float[] held = batch.features().data();
            float[] expected = fresh.next().features().data();
            assertArrayEquals(expected, held, "batch " + index);
            index++;
            Gemm.setThreads(threadsBeforeBatch[index]);
            Thread.sleep(1); // time for a gather ahead to run on the worker
            assertArrayEquals(expected, held, "batch " + (index - 1) + " changed while it was held");
        }
        assertEquals(12, index);
    }

    @Test
    void batchesSmallerThanAChunkAreGatheredOnDemandIntoOneArray() {
        // 8 rows of 511 features: eight floats short of a chunk. Offering so little ahead gains
        // nothing, and would keep the worker polling through a run of small batches.
        Gemm.setThreads(2);
        assumeTrue(BackgroundWork.available(), "gathering ahead needs a second processor");
        for (int width : new int[] {2, 511}) {
            Batches batches = new Batches(wide(50, width), 8, true, 42);
            Iterator<Batch> fresh = batches.epoch(0).iterator();
            Set<float[]> featureArrays = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Batch batch : batches.epochReusingArrays(0)) {
                assertArrayEquals(fresh.next().features().data(), batch.features().data(), "width " + width);
                if (batch.size() == 8) {
                    featureArrays.add(batch.features().data());
                }
            }
            assertEquals(1, featureArrays.size(), "feature arrays for rows of " + width);
        }
    }

    /** {@code rows} rows of {@code width} features, each value different; targets in three classes. */
    private static Dataset wide(int rows, int width) {
        float[] values = new float[rows * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 3;
        }
        return Dataset.classification("wide", Tensor.wrap(values, rows, width), Tensor.wrap(labels, rows), 3);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void batchesAreCopies() {
        Batch batch = new Batches(dataset, 4, false, 0).epoch(0).iterator().next();
        batch.features().data()[0] = 99;
        assertEquals(0f, dataset.features().get(0, 0));
        assertArrayEquals(new int[] {4, 2}, batch.features().shape().dims());
        assertArrayEquals(new int[] {4}, batch.targets().shape().dims());
    }

    @Test
    void iteratorEndsCleanlyAndArgumentsAreChecked() {
        Iterator<Batch> iterator = new Batches(dataset, 10, false, 0).epoch(0).iterator();
        assertTrue(iterator.hasNext());
        iterator.next();
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
        assertThrows(IllegalArgumentException.class, () -> new Batches(dataset, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Batches(dataset, 2, true, 0).epoch(-1));
    }

    /** Writes a fresh draw into feature 1 of every row, so the batches show what each generator gave. */
    private static final Augmentation DRAW_INTO_FEATURE_1 = (features, random) -> {
        for (int row = 0; row < features.shape().dim(0); row++) {
            features.data()[row * 2 + 1] = random.nextInt(1_000_000);
        }
    };

    /** Every feature of every batch of one epoch, in order. */
    private static float[] values(Iterable<Batch> epoch) {
        List<Float> out = new ArrayList<>();
        for (Batch batch : epoch) {
            for (float value : batch.features().data()) {
                out.add(value);
            }
        }
        float[] values = new float[out.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = out.get(i);
        }
        return values;
    }

    @Test
    void augmentationIsFixedBySeedEpochAndBatchAndLeavesTheOrderAlone() {
        Batches plain = new Batches(dataset, 3, true, 42);
        Batches augmented = plain.withAugmentation(DRAW_INTO_FEATURE_1);
        assertEquals(DRAW_INTO_FEATURE_1, augmented.augmentation());
        List<Float> draws = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            float[] once = values(augmented.epoch(epoch));
            assertArrayEquals(once, values(new Batches(dataset, 3, true, 42).withAugmentation(DRAW_INTO_FEATURE_1)
                    .epoch(epoch)), "same seed, same augmented batches");
            assertArrayEquals(once, values(augmented.epochReusingArrays(epoch)), "reused arrays, same values");
            float[] order = values(plain.epoch(epoch));
            for (int i = 0; i < once.length; i += 2) {
                assertEquals(order[i], once[i], 0f, "row order unchanged at value " + i);
                draws.add(once[i + 1]);
            }
        }
        assertEquals(draws.size(), new java.util.HashSet<>(draws).size(),
                "every batch of every epoch draws from its own generator: " + draws);
        assertFalse(Arrays.equals(values(augmented.epoch(0)),
                values(new Batches(dataset, 3, true, 43).withAugmentation(DRAW_INTO_FEATURE_1).epoch(0))),
                "another seed, other draws");
        assertEquals(-5f, dataset.features().get(5, 1), 0f, "the dataset is untouched");
    }

    private static int[] batchShapes(Batches batches, int batch) {
        int index = 0;
        for (Batch b : batches.epoch(0)) {
            if (index++ == batch) {
                return new int[] {b.features().shape().dim(0), b.features().shape().dim(1)};
            }
        }
        throw new AssertionError("no batch " + batch);
    }
}
