package dev.dendrite.train;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Spiral;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.CosineAnnealing;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSProp;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.RunningMean;
import java.util.List;
import java.util.Random;

/**
 * The small run the checkpoint tests interrupt and resume: spiral data, a 2-H-3 ReLU network
 * (with Dropout for the {@code dropout} kind), one of a few optimizers, a validation split.
 * Each call builds a fresh model, optimizer and trainer, as a resumed process would.
 */
final class CheckpointRun {
    /**
     * Which optimizer and layers: {@code adam}, {@code momentum}, {@code dropout} (Adam),
     * {@code buffer} (Adam, with a {@link RunningMean} layer), {@code rmsprop-cosine}.
     */
    final String kind;
    final int hidden;
    final int epochs;
    final Sequential model;
    final Trainer trainer;

    CheckpointRun(String kind, int hidden, int epochs, long weightSeed, CheckpointPolicy policy,
            Callback... callbacks) {
        this.kind = kind;
        this.hidden = hidden;
        this.epochs = epochs;
        Random random = new Random(weightSeed);
        model = switch (kind) {
            case "dropout" -> new Sequential(new Dense(2, hidden, random), new ReLU(),
                    new Dropout(0.3, new Random(weightSeed + 1)), new Dense(hidden, 3, random));
            case "buffer" -> new Sequential(new Dense(2, hidden, random), new ReLU(), new RunningMean(hidden),
                    new Dense(hidden, 3, random));
            default -> new Sequential(new Dense(2, hidden, random), new ReLU(), new Dense(hidden, 3, random));
        };
        Optimizer optimizer = switch (kind) {
            case "momentum" -> new SGD(model.parameters(), 0.05).momentum(0.9);
            case "rmsprop-cosine" -> new RMSProp(model.parameters(), 0.01).momentum(0.5);
            default -> new Adam(model.parameters(), 0.01);
        };
        Trainer.Builder builder = Trainer.builder(model, new CrossEntropy(), optimizer)
                .epochs(epochs).batchSize(16).seed(5).validationSplit(0.2);
        if (kind.equals("rmsprop-cosine")) {
            builder.schedule(new CosineAnnealing(epochs, 0.001));
        }
        if (policy != null) {
            builder.checkpoints(policy);
        }
        for (Callback callback : callbacks) {
            builder.callback(callback);
        }
        trainer = builder.build();
    }

    /** 120 spiral points: 96 training rows (6 batches of 16) and 24 validation rows. */
    static Dataset data() {
        return Spiral.generate(3, 40, 0.2, 7);
    }

    /** The parameters' values, then the buffers', in order. */
    static List<float[]> weights(Module model) {
        return java.util.stream.Stream.concat(model.parameters().stream(), model.namedBuffers().values().stream())
                .map(Tensor::data).map(float[]::clone).toList();
    }
}
