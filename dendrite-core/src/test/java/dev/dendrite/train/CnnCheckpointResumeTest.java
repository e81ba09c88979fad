package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dendrite.data.Augmentation;
import dev.dendrite.data.Bundled;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.ImageShift;
import dev.dendrite.data.Normalizer;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A convolutional network with channel dropout, interrupted and resumed from checkpoints, ends
 * with the uninterrupted run's weights and history bit for bit: the convolution, pooling and
 * Dropout2d layers keep no state a checkpoint misses (Dropout2d's generator is saved as every
 * {@link dev.dendrite.nn.Stochastic} layer's is), and image shifts need no saved state.
 */
class CnnCheckpointResumeTest {
    @TempDir
    Path folder;

    /** 96 bundled digits as [1, 8, 8] images: 80 for training (5 batches of 16), 16 for validation. */
    private static Dataset data() {
        Dataset digits = Bundled.load("digits");
        int[] rows = new int[96];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * 17;
        }
        Dataset subset = digits.subset(rows);
        return Normalizer.fit("minmax", subset).apply(subset).viewAs(1, -1, -1);
    }

    private static Trainer trainer(Sequential model, CheckpointPolicy policy, Augmentation augmentation) {
        Trainer.Builder builder = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(3).batchSize(16).seed(5).validationSplit(1.0 / 6).augmentation(augmentation);
        if (policy != null) {
            builder.checkpoints(policy);
        }
        return builder.build();
    }

    private static Sequential model(long seed) {
        return LayerList.parse("conv:4:3:1:1,relu,dropout2d:0.25,maxpool:2,conv:6:3,relu,avgpool:2,flatten,dense:10")
                .build(new int[] {1, 8, 8}, new Random(seed));
    }

    @Test
    void aResumedCnnRunEndsBitForBitWhereAnUninterruptedOneDoes() throws IOException {
        resumesBitForBit(null, folder.resolve("plain"));
    }

    /** Shifted images: the shifts of a batch depend on (seed, epoch, batch) only, so a resume redraws them. */
    @Test
    void aResumedRunWithShiftedImagesEndsBitForBitToo() throws IOException {
        Augmentation shift = new ImageShift(2, new int[] {1, 8, 8});
        History plain = trainer(model(1), null, null).fit(data());
        History shifted = resumesBitForBit(shift, folder.resolve("shifted"));
        assertNotEquals(plain.epochs().get(0).metrics().get("loss"), shifted.epochs().get(0).metrics().get("loss"),
                "the augmentation changes training");
    }

    private History resumesBitForBit(Augmentation augmentation, Path folder) throws IOException {
        Sequential straight = model(1);
        History expected = trainer(straight, null, augmentation).fit(data());

        Path all = folder.resolve("all");
        trainer(model(1), CheckpointPolicy.in(all).everyBatches(1).keep(100), augmentation).fit(data());
        for (long step : new long[] {3, 5, 12}) {
            Path single = folder.resolve("from-" + step);
            Files.createDirectories(single);
            Path name = CheckpointDirectory.fileFor(all, step).getFileName();
            Files.copy(all.resolve(name), single.resolve(name));
            Sequential resumed = model(99);
            History history = trainer(resumed, CheckpointPolicy.in(single).everyBatches(4), augmentation)
                    .resume(data(), single);
            List<Tensor> want = straight.parameters();
            List<Tensor> got = resumed.parameters();
            for (int i = 0; i < want.size(); i++) {
                assertArrayEquals(want.get(i).data(), got.get(i).data(), "resumed after step " + step + ": parameter " + i);
            }
            assertEquals(expected.size(), history.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.epochs().get(i).metrics(), history.epochs().get(i).metrics(),
                        "resumed after step " + step + ": epoch " + (i + 1));
            }
        }
        return expected;
    }
}
