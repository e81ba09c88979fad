package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Normalizer;
import dev.dendrite.io.ModelFile;
import dev.dendrite.io.ModelFormatException;
import dev.dendrite.io.SafetensorsReader;
import dev.dendrite.io.SafetensorsWriter;
import dev.dendrite.io.SavedModel;
import dev.dendrite.io.StoredTensor;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files and checkpoint folders written by Dendrite before the safetensors codec was shared
 * (see {@code fixtures/v1/README.md}) must load forever: their weights, settings and state are
 * checked against each other, since each run's model file and last checkpoint hold the same weights.
 */
class FormatVersion1FixtureTest {
    @TempDir
    Path folder;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(FormatVersion1FixtureTest.class.getResource("/fixtures/v1/" + name).toURI());
    }

    @Test
    void theIrisModelFileHoldsTheWeightsOfItsLastCheckpoint() throws Exception {
        SavedModel saved = ModelFile.load(fixture("iris-model.safetensors"));
        // The scaling the command line kept in the metadata becomes the first layer.
        assertEquals("Normalization(4) -> Dense(4 -> 64) -> ReLU() -> Dense(64 -> 3)", describe(saved));
        assertFalse(saved.metadata().containsKey("dendrite.normalizer"));
        assertEquals("iris", saved.metadata().get("dendrite.data"));
        assertEquals("setosa\nversicolor\nvirginica", saved.metadata().get("dendrite.classes"));
        List<String> warnings = new ArrayList<>();
        CheckpointDirectory.Found found = CheckpointDirectory.latest(fixture("iris-checkpoints"), warnings::add);
        assertEquals(List.of(), warnings);
        Checkpoint last = found.checkpoint();
        assertEquals(8, last.step());
        assertEquals(new Checkpoint.Position(7, 32, 120, 4, 2), last.position());
        assertEquals(Map.of(), last.buffers());
        assertEquals(Map.of(), last.settings());
        assertEquals("Adam", last.optimizer().optimizer());
        assertEquals(2, last.history().size());
        assertSameWeights(last.parameters(), saved);
        assertSameWeights(CheckpointDirectory.read(fixture("iris-checkpoints/best.safetensors")).parameters(), saved);
    }

    @Test
    void theDropoutRunKeepsItsGeneratorMidEpochSumsAndEarlyStoppingState() throws Exception {
        SavedModel saved = ModelFile.load(fixture("dropout-model.safetensors"));
        assertEquals("Normalization(4) -> Dense(4 -> 16) -> ReLU() -> Dropout(p=0.25) -> Dense(16 -> 3)",
                describe(saved));
        Checkpoint last = CheckpointDirectory.read(fixture("dropout-checkpoints/checkpoint-000000008.safetensors"));
        assertSameWeights(last.parameters(), saved);

        Checkpoint middle = CheckpointDirectory.read(fixture("dropout-checkpoints/checkpoint-000000006.safetensors"));
        assertEquals(6, middle.step());
        assertEquals(2, middle.sums().batches());
        assertEquals(64, middle.sums().seen());
        assertEquals(List.of("layers.2"), List.copyOf(middle.generators().keySet()));
        assertEquals("SGD", middle.optimizer().optimizer());
        assertEquals(1, middle.callbacks().size());
        assertEquals(EarlyStopping.class.getName(), middle.callbacks().get(0).type());
        assertTrue(middle.learningRate() < middle.baseLearningRate(), "the cosine schedule lowered the rate");
    }

    @Test
    void theFormatVersionIsStillChecked() throws Exception {
        Path checkpoint = folder.resolve("checkpoint-000000008.safetensors");
        CheckpointFile.Contents contents = CheckpointFile.read(
                fixture("iris-checkpoints/checkpoint-000000008.safetensors"));
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.remove(CheckpointFile.CRC);
        metadata.put("format_version", "3");
        CheckpointFile.write(checkpoint, metadata, contents.tensors());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.read(checkpoint));
        assertEquals(checkpoint + ": expected format_version 1 or 2, got 3", e.getMessage());

        Path model = folder.resolve("model.safetensors");
        try (SafetensorsReader reader = SafetensorsReader.open(fixture("iris-model.safetensors"))) {
            Map<String, String> modelMetadata = new LinkedHashMap<>(reader.metadata());
            modelMetadata.put("format_version", "3");
            SafetensorsWriter.write(model, modelMetadata, reader.readAll(null), SafetensorsWriter.SaveListener.NONE);
        }
        ModelFormatException refused = assertThrows(ModelFormatException.class, () -> ModelFile.load(model));
        assertTrue(refused.getMessage().startsWith(model
                + ": expected __metadata__ format_version \"1\" or \"2\", got \"3\""), refused.getMessage());
    }

    private static String shifted(SavedModel saved, String name) {
        if (!(saved.model().layers().get(0) instanceof Normalization)) {
            return name;
        }
        int end = name.indexOf('.', "layers.".length());
        return "layers." + (Integer.parseInt(name.substring("layers.".length(), end)) - 1) + name.substring(end);
    }

    private static String describe(SavedModel saved) {
        return saved.model().layers().stream().map(Object::toString).reduce((a, b) -> a + " -> " + b).orElse("");
    }

    @Test
    void theOldIrisModelTakesRawInputsInJavaAsTheCommandLineDid() throws Exception {
        SavedModel saved = ModelFile.load(fixture("iris-model.safetensors"));
        String scaling;
        try (SafetensorsReader reader = SafetensorsReader.open(fixture("iris-model.safetensors"))) {
            scaling = reader.metadata().get("dendrite.normalizer");
        }
        float[] row = {5.1f, 3.5f, 1.4f, 0.2f};
        Tensor scaled = Normalizer.fromMetadata(scaling).apply(Tensor.wrap(row.clone(), 1, 4));
        Sequential network = new Sequential();
        saved.model().layers().subList(1, saved.model().layers().size()).forEach(network::add);
        network.eval();
        float[] asTheCommandLineDid;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            asTheCommandLineDid = network.forward(scaled).data();
        }
        float[] fromJava = saved.model().predict(row);
        assertArrayEquals(asTheCommandLineDid, fromJava, 1e-5f);
        float[] unscaled;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            unscaled = network.forward(Tensor.wrap(row.clone(), 1, 4)).data();
        }
        assertFalse(java.util.Arrays.equals(unscaled, fromJava), "without the layer the raw row gives other outputs");
    }

    private static void assertSameWeights(Map<String, StoredTensor> checkpoint, SavedModel saved) {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        // the checkpoint predates the Normalization layer: its layers.0 is the model's layers.1
        saved.model().namedParameters().forEach((name, tensor) -> parameters.put(shifted(saved, name), tensor));
        assertEquals(List.copyOf(parameters.keySet()), List.copyOf(checkpoint.keySet()));
        parameters.forEach((name, tensor) -> {
            assertArrayEquals(tensor.shape().dims(), checkpoint.get(name).shape(), name);
            assertArrayEquals(tensor.data(), checkpoint.get(name).values(), name);
        });
    }
}
