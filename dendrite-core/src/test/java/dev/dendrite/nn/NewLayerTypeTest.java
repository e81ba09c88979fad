package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Dataset;
import dev.dendrite.data.Spiral;
import dev.dendrite.io.LayerTypes;
import dev.dendrite.io.ModelFile;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.CheckpointPolicy;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "add a layer" promise of docs/architecture.md: a layer type defined here, with a parameter
 * and a random generator of its own, trains, saves, loads, resumes bit for bit and shows in the
 * summary, with one registration line and no other file changed.
 */
class NewLayerTypeTest {
    /** {@code y = x * scale + u}, u uniform in [-noise, noise] while training: a learnable, random layer. */
    static final class NoisyScale extends Module implements Stochastic {
        static final LayerType<NoisyScale> TYPE = LayerType.of("noisy_scale", NoisyScale.class,
                List.of("features", "noise"),
                layer -> LayerSpec.of("noisy_scale").with("features", layer.features).with("noise", layer.noise),
                (spec, random) -> new NoisyScale(spec.positiveInteger("features"), spec.real("noise"), random),
                spec -> Map.of("scale", new int[] {spec.positiveInteger("features")}));

        private final int features;
        private final float noise;
        private final Random random;
        private final Tensor scale;

        NoisyScale(int features, float noise, Random random) {
            this.features = features;
            this.noise = noise;
            this.random = random;
            this.scale = registerParameter("scale", Tensor.ones(features));
        }

        @Override
        public Random random() {
            return random;
        }

        @Override
        public Tensor forward(Tensor input) {
            Tensor scaled = input.mul(scale);
            if (!isTraining()) {
                return scaled;
            }
            float[] u = new float[input.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = (random.nextFloat() * 2 - 1) * noise;
            }
            return scaled.add(Tensor.wrap(u, input.shape().dims()));
        }

        @Override
        public int[] sampleInputShape() {
            return new int[] {features};
        }

        @Override
        protected String extraRepr() {
            return features + ", noise=" + noise;
        }
    }

    @TempDir
    Path folder;

    @BeforeAll
    static void register() {
        LayerTypes.register(NoisyScale.TYPE);
    }

    @AfterAll
    static void unregister() {
        LayerTypes.unregister("noisy_scale");
    }

    private static Sequential model(long seed) {
        Random random = new Random(seed);
        return new Sequential(new Dense(2, 16, random), new ReLU(), new NoisyScale(16, 0.1f, new Random(seed + 1)),
                new Dense(16, 3, random));
    }

    private static Trainer trainer(Sequential model, int epochs, CheckpointPolicy policy) {
        Trainer.Builder builder = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 0.01))
                .epochs(epochs).batchSize(16).seed(3).progress(null);
        if (policy != null) {
            builder.checkpoints(policy);
        }
        return builder.build();
    }

    private static Dataset data() {
        return Spiral.generate(3, 40, 0.1, 7);
    }

    @Test
    void aLayerDefinedInATestTrainsSavesLoadsResumesAndShowsInTheSummary() throws Exception {
        Sequential straight = model(1);
        History expected = trainer(straight, 4, null).fit(data());
        assertTrue(expected.epochs().get(3).metrics().get("loss") < expected.epochs().get(0).metrics().get("loss"),
                "training lowers the loss");

        Path checkpoints = folder.resolve("ck");
        trainer(model(1), 2, CheckpointPolicy.in(checkpoints)).fit(data());
        Sequential resumed = model(99); // other weights and noise: everything must come from the checkpoint
        History history = trainer(resumed, 4, CheckpointPolicy.in(checkpoints)).resume(data(), checkpoints);
        assertEquals(expected.epochs().get(3).metrics(), history.epochs().get(3).metrics());
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(straight.parameters().get(i).data(), resumed.parameters().get(i).data(), "parameter " + i);
        }
        NoisyScale layer = (NoisyScale) straight.layers().get(2);
        assertNotEquals(1f, layer.scale.data()[0], "the scale learned");

        Path file = folder.resolve("model.safetensors");
        ModelFile.save(file, straight, Map.of());
        Sequential loaded = ModelFile.load(file).model();
        assertEquals("noisy_scale", LayerTypes.names().stream().filter("noisy_scale"::equals).findFirst().orElse(""));
        Tensor x = Tensor.uniform(5, -1f, 1f, 8, 2);
        straight.eval();
        loaded.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertArrayEquals(straight.forward(x).data(), loaded.forward(x).data());
        }

        String summary = ModelSummary.table(loaded);
        assertTrue(summary.contains("NoisyScale(16, noise=0.1)") && summary.contains("[N, 16]"), summary);
        assertEquals(Shape.of(8, 3), loaded.outputShape(Shape.of(8, 2)));
    }
}
