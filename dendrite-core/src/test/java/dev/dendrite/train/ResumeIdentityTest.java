package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume must be the run that was saved: the whole architecture (not only the tensors' shapes)
 * and the training rows themselves are compared, and a run may not end before its checkpoint.
 */
class ResumeIdentityTest {
    @TempDir
    Path folder;

    private static Trainer trainer(Module activation, double dropout, int epochs, CheckpointPolicy policy) {
        Random random = new Random(1);
        Sequential model = new Sequential(new Dense(2, 8, random), activation, new Dropout(dropout, new Random(2)),
                new Dense(8, 3, random));
        Trainer.Builder builder = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(epochs).batchSize(16).seed(5).validationSplit(0.2);
        if (policy != null) {
            builder.checkpoints(policy);
        }
        return builder.build();
    }

    /** Saves a 2-epoch run with ReLU and Dropout(0.3), checkpoints every 4 batches (the last at step 12). */
    private void saveRun() {
        trainer(new ReLU(), 0.3, 2, CheckpointPolicy.in(folder).everyBatches(4)).fit(CheckpointRun.data());
    }

    @Test
    void anotherDropoutRateIsRefusedNamingTheLayer() throws IOException {
        saveRun();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(new ReLU(), 0.5, 4, null).resume(CheckpointRun.data(), folder));
        assertEquals("resume: expected the architecture of the saved run, got layer 2 dropout{p=0.5} where the "
                + "saved run has dropout{p=0.3}; build the model as the interrupted run did", e.getMessage());
    }

    @Test
    void anotherActivationIsRefused() throws IOException {
        saveRun();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(new Tanh(), 0.3, 4, null).resume(CheckpointRun.data(), folder));
        assertTrue(e.getMessage().contains("got layer 1 tanh where the saved run has relu"), e.getMessage());
    }

    @Test
    void changedRowsOfTheSameCountAreRefused() throws IOException {
        saveRun();
        Dataset data = CheckpointRun.data();
        Tensor features = data.features();
        float[] changed = features.data().clone();
        for (int i = 0; i < changed.length; i += 2) {
            changed[i] += 0.001f;   // every row's first feature, wherever the split puts the row
        }
        Dataset edited = Dataset.classification(data.name(), Tensor.wrap(changed, features.shape().dims()),
                data.targets(), data.numClasses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(new ReLU(), 0.3, 4, null).resume(edited, folder));
        assertTrue(e.getMessage().startsWith("resume: expected the training rows of the saved run (crc32 "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the data changed since the checkpoint was written"), e.getMessage());
        // the same rows resume
        trainer(new ReLU(), 0.3, 4, null).resume(CheckpointRun.data(), folder);
    }

    @Test
    void fewerEpochsThanTheCheckpointReachedAreRefused() throws IOException {
        saveRun();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(new ReLU(), 0.3, 1, null).resume(CheckpointRun.data(), folder));
        assertEquals("resume: expected a run of at least 2 epochs, as far as the checkpoint got (2 epochs), got a "
                + "run of 1 epochs; a resumed run cannot end before its checkpoint", e.getMessage());
        // exactly as many epochs: nothing to train, the saved weights as they are
        History history = trainer(new ReLU(), 0.3, 2, null).resume(CheckpointRun.data(), folder);
        assertEquals(2, history.size());
    }

    @Test
    void aMidEpochCheckpointNeedsTheEpochItIsIn() throws IOException {
        trainer(new ReLU(), 0.3, 3, CheckpointPolicy.in(folder).everyBatches(4).keep(5)).fit(CheckpointRun.data());
        // keep only the checkpoint at step 8: epoch 1 done and 2 batches of epoch 2
        for (CheckpointDirectory.Entry entry : CheckpointDirectory.list(folder)) {
            if (entry.step() != 8) {
                java.nio.file.Files.delete(entry.file());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(new ReLU(), 0.3, 1, null).resume(CheckpointRun.data(), folder));
        assertEquals("resume: expected a run of at least 2 epochs, as far as the checkpoint got (1 epochs and 2 "
                + "batches of the next), got a run of 1 epochs; a resumed run cannot end before its checkpoint",
                e.getMessage());
    }
}
