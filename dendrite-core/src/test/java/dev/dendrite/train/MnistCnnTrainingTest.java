package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Mnist;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.CosineAnnealing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The convolutional issue's learning test: the {@code mnist-cnn} preset (two 3x3 convolutions with
 * max pooling, a 128-unit dense layer with dropout) trained with Adam from 1e-3 (a cosine down to 1e-5), batch 128, reaches
 * at least 99.0% test accuracy within 6 epochs. The images come from the same IDX files as the
 * MLP's, viewed as {@code [N, 1, 28, 28]}. Slow (minutes), so tagged and run by CI explicitly.
 */
@Tag("slow")
class MnistCnnTrainingTest {
    @Test
    void cnnReaches99PercentTestAccuracyWithin6Epochs() throws IOException {
        Optional<Path> directory = Mnist.defaultDirectory();
        Assumptions.assumeTrue(directory.isPresent(),
                "MNIST not found at " + Mnist.searchedDirectories() + ": skipping");
        LayerList spec = LayerList.parse("mnist-cnn");
        Dataset train = Mnist.load(directory.get(), true).viewAs(1, -1, -1);
        Dataset test = Mnist.load(directory.get(), false).viewAs(1, -1, -1);
        Sequential model = spec.build(train.featureShape(), new Random(1));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 1e-3))
                .epochs(6).batchSize(128).seed(1).validation(test)
                .schedule(new CosineAnnealing(6, 1e-5))
                .callback(new Callback() {
                    @Override
                    public void onEpochEnd(Trainer t, EpochRecord record) {
                        System.out.printf("MNIST CNN epoch %d: test accuracy %.4f (%.2f s)%n", record.epoch(),
                                record.get("val_accuracy"), record.seconds());
                        if (record.get("val_accuracy") >= 0.991) {
                            t.requestStop("reached 99.1% test accuracy");
                        }
                    }
                }).build();
        History history = trainer.fit(train);
        double accuracy = trainer.evaluate(test).accuracy();
        assertTrue(history.size() <= 6 && accuracy >= 0.990, "test accuracy " + accuracy + " after "
                + history.size() + " epochs");
    }
}
