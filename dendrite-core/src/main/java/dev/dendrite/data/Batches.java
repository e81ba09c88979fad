package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.BackgroundWork;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Mini-batches of a {@link Dataset}, epoch by epoch.
 *
 * <p>Each epoch visits every row once, in order when {@code shuffle} is off and otherwise in a
 * permutation that depends only on {@code (seed, epoch)}: rerunning epoch 3 gives the same batches,
 * and epochs 3 and 4 differ. The last batch holds the remaining {@code N mod batchSize} rows unless
 * {@code dropLast} is set, in which case those rows are skipped for that epoch.
 *
 * <p>Each {@link Batch} is a {@code [B, ...]} tensor pair filled row by row (one
 * {@code System.arraycopy} a row, a plain loop for short rows): new tensors from {@link #epoch},
 * reused arrays from
 * {@link #epochReusingArrays} (the next batch's gathered ahead on a kernel worker where there is
 * one and the batch is large enough). The dataset is never modified. With an
 * {@link Augmentation} ({@link #withAugmentation}), each batch's features are changed after they
 * are gathered, drawing from a generator seeded by {@code (seed, epoch, batch index)} only, so
 * augmented batches are as reproducible as the order, batch by batch, without a generator state
 * to carry over.
 *
 * <pre>{@code
 * Batches batches = new Batches(train, 32, true, 42);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : batches.epoch(epoch)) { ... }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; each iterator returned by an epoch is for one thread.
 */
public final class Batches {
    /** Separates the augmentation's seeds from the shuffling's ("augment" in ASCII). */
    private static final long AUGMENTATION_STREAM = 0x617567_6d656e74L;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final Augmentation augmentation;

    /** Batches of {@code batchSize} rows that keep the last partial batch. */
    public Batches(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, false);
    }

    /** Batches of {@code batchSize} rows; {@code dropLast} skips a last batch smaller than that. */
    public Batches(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        this(dataset, batchSize, shuffle, seed, dropLast, null);
    }

    private Batches(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast,
            Augmentation augmentation) {
        Validate.argument(batchSize >= 1, "Batches", "batchSize >= 1", batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.augmentation = augmentation;
    }

    /**
     * These batches with {@code augmentation} applied to every batch's features (null: none). The
     * rows and their order are unchanged.
     */
    public Batches withAugmentation(Augmentation augmentation) {
        return new Batches(dataset, batchSize, shuffle, seed, dropLast, augmentation);
    }

    /** The augmentation applied to each batch, or null. */
    public Augmentation augmentation() {
        return augmentation;
    }

    /**
     * The generator that augments batch {@code batch} (from 0) of epoch {@code epoch} (from 0). Its
     * seed is kept apart from the shuffling's ({@link Shuffle#epochSeed}) by a different constant,
     * so turning augmentation on leaves the row order as it was.
     */
    Random augmentationRandom(int epoch, int batch) {
        long epochSeed = Shuffle.epochSeed(seed ^ AUGMENTATION_STREAM, epoch);
        return new Random(Shuffle.epochSeed(epochSeed, batch));
    }

    /** The dataset being batched. */
    public Dataset dataset() {
        return dataset;
    }

    /** The number of rows per full batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The number of batches in every epoch: {@code ceil(N / B)}, or {@code floor(N / B)} with dropLast. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The row order of epoch {@code epoch}: {@code 0..N-1} unshuffled, else a permutation fixed by (seed, epoch). */
    public int[] order(int epoch) {
        Validate.argument(epoch >= 0, "Batches.order", "epoch >= 0", epoch);
        if (!shuffle) {
            return Shuffle.identity(dataset.size());
        }
        return Shuffle.permutation(dataset.size(), new Random(Shuffle.epochSeed(seed, epoch)));
    }

    /** The batches of epoch {@code epoch} (counting from 0); each iteration recomputes the same order. */
    public Iterable<Batch> epoch(int epoch) {
        Validate.argument(epoch >= 0, "Batches.epoch", "epoch >= 0", epoch);
        return () -> new BatchIterator(epoch, false);
    }

    /**
     * As {@link #epoch}, but the full batches of an iteration reuse their feature arrays (two that
     * take turns where batches are gathered ahead, else one) and share one target array, so each
     * {@link Batch} is valid only until the next one is read. For a training loop that is done
     * with a batch when it asks for the next: at batch 128 of MNIST it saves allocating and
     * clearing 400 KB per step.
     *
     * <p>With two or more kernel threads and batches of at least 16 KiB of features, the next
     * batch's features are gathered ahead, by a kernel worker while it has nothing else to do
     * ({@link BackgroundWork}), into the array the batch before this one used; smaller batches are
     * gathered on demand. The rows and their order are the same either way.
     */
    public Iterable<Batch> epochReusingArrays(int epoch) {
        Validate.argument(epoch >= 0, "Batches.epochReusingArrays", "epoch >= 0", epoch);
        return () -> new BatchIterator(epoch, true);
    }

    private final class BatchIterator implements Iterator<Batch> {
        /** Floats per chunk of a gather done ahead: 16 KiB, a few microseconds of copying. */
        private static final int FLOATS_PER_CHUNK = 1 << 12;

        private final int[] order;
        private final int epoch;
        private final int batches = batchesPerEpoch();
        private final boolean reuse;
        private final int rowLength = Rows.rowLength(dataset.features());
        /** With reuse: the feature arrays of even and odd batches, and the one target array. */
        private final float[][] features = new float[2][];
        private float[] targets;
        private int next;
        /** The next batch's features being gathered ahead into {@link #aheadFeatures}, or null. */
        private BackgroundWork ahead;
        private float[] aheadFeatures;

        BatchIterator(int epoch, boolean reuse) {
            this.order = order(epoch);
            this.epoch = epoch;
            this.reuse = reuse;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Batches: all " + batches + " batches of this epoch were read");
            }
            int batch = next++;
            int from = batch * batchSize;
            int to = Math.min(from + batchSize, order.length);
            // With no worker to gather ahead, or batches too small to be worth it, one array serves
            // every batch.
            boolean gatheringAhead = reuse && gathersAhead(to - from);
            int slot = gatheringAhead ? batch % 2 : 0;
            Tensor x;
            if (ahead != null) { // always this batch: only the next one is gathered ahead
                ahead.await();
                ahead = null;
                x = Rows.wrap(dataset.features(), to - from, aheadFeatures);
            } else {
                x = Rows.gather(dataset.features(), order, from, to, reuse ? features[slot] : null);
            }
            Tensor y = Rows.gather(dataset.targets(), order, from, to, targets);
            if (augmentation != null) {
                augmentation.apply(x, augmentationRandom(epoch, batch));
            }
            if (reuse) {
                features[slot] = x.data();
                targets = y.data();
            }
            if (gatheringAhead && batch + 1 < batches) {
                gatherAhead(batch + 1, x.data());
            }
            return new Batch(x, y);
        }

        /**
         * Whether the batch after one of {@code rows} rows is gathered ahead: where a worker can
         * do it, and this batch fills at least one chunk (so a short last batch after full ones
         * still is). A smaller batch is copied in about the time one chunk takes, so offering it
         * gains nothing, and each offer keeps the worker polling for two milliseconds more: through
         * a run of small batches it would never sleep, and would take the core the compiler
         * threads need while the run warms up.
         */
        private boolean gathersAhead(int rows) {
            return (long) rows * rowLength >= FLOATS_PER_CHUNK && BackgroundWork.available();
        }

        /**
         * Starts gathering batch {@code batch}'s features into the array batch {@code batch - 2}
         * used, or a new one where that is {@code current}, the array just handed out.
         */
        private void gatherAhead(int batch, float[] current) {
            int from = batch * batchSize;
            int to = Math.min(from + batchSize, order.length);
            int length = (to - from) * rowLength;
            float[] spare = features[batch % 2];
            float[] out = spare != null && spare != current && spare.length == length ? spare : new float[length];
            float[] in = dataset.features().data();
            aheadFeatures = out;
            int chunks = (length + FLOATS_PER_CHUNK - 1) / FLOATS_PER_CHUNK;
            ahead = BackgroundWork.start(chunks, chunk -> Rows.copy(in, rowLength, order, from,
                    chunk * FLOATS_PER_CHUNK, Math.min(length, (chunk + 1) * FLOATS_PER_CHUNK), out));
        }
    }
}
