package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.RunningMean;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Buffers ({@code Module.namedBuffers()}, such as a running mean) in model files: saved beside the
 * parameters, checked against the shapes the layer type declares, and restored on load.
 */
class ModelFileBufferTest {
    @TempDir
    Path directory;
    private LayerTypes.Registration registration;

    @BeforeEach
    void register() {
        registration = LayerTypes.register(RunningMean.TYPE);
    }

    @AfterEach
    void unregister() {
        registration.close();
    }

    /** Dense, ReLU, RunningMean, Dense; one training-mode pass moves the running mean off zero. */
    private static Sequential trainedModel() {
        Random random = new Random(3);
        Sequential model = new Sequential(new Dense(3, 4, random), new ReLU(), new RunningMean(4),
                new Dense(4, 2, random));
        model.train();
        model.forward(Tensor.uniform(random, -1, 1, 5, 3));
        model.forward(Tensor.uniform(random, -1, 1, 5, 3));
        return model;
    }

    @Test
    void buffersAreSavedBesideTheParametersAndRestored() throws IOException {
        Sequential model = trainedModel();
        float[] mean = model.namedBuffers().get("layers.2.running_mean").data();
        assertTrue(mean[0] != 0 || mean[1] != 0, "the running mean moved");
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model, Map.of());

        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.scale", "layers.3.weight",
                    "layers.3.bias", "layers.2.running_mean"), List.copyOf(reader.shapes().keySet()));
        }
        Sequential loaded = ModelFile.load(file).model();
        assertArrayEquals(mean, loaded.namedBuffers().get("layers.2.running_mean").data());
        model.eval();
        loaded.eval();
        Tensor input = Tensor.matrix(new float[] {0.5f, -1, 2});
        assertArrayEquals(model.forward(input).data(), loaded.forward(input).data());
    }

    @Test
    void theNormalizationLayersStatisticsTravelWithTheModel() throws IOException {
        Sequential model = new Sequential(new Normalization(new float[] {5f, -1f, 0.5f}, new float[] {2f, 0.25f, 0f}),
                new Dense(3, 2, new Random(8)));
        Path file = directory.resolve("normalized.safetensors");
        ModelFile.save(file, model, Map.of());
        Sequential loaded = ModelFile.load(file).model();
        assertArrayEquals(new float[] {5f, -1f, 0.5f}, loaded.namedBuffers().get("layers.0.offset").data());
        assertArrayEquals(new float[] {2f, 0.25f, 1f}, loaded.namedBuffers().get("layers.0.scale").data());
        Tensor input = Tensor.matrix(new float[] {7f, 0f, 3f});
        assertArrayEquals(model.forward(input).data(), loaded.forward(input).data());
    }

    @Test
    void aFileWithoutTheDeclaredBufferIsRefused() throws IOException {
        Path file = rewrittenWithout("layers.2.running_mean", null);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertEquals(file + ": architecture expects tensor 'layers.2.running_mean' with shape [4], not in the file",
                e.getMessage());
    }

    @Test
    void aBufferOfTheWrongShapeIsRefused() throws IOException {
        Path file = rewrittenWithout("layers.2.running_mean", new StoredTensor(new int[] {5}, new float[5]));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertEquals(file + ": tensor 'layers.2.running_mean' has shape [5], architecture expects [4]",
                e.getMessage());
    }

    @Test
    void aLayerTypeThatMisdeclaresItsBuffersCannotSave() {
        registration.close();
        LayerType<RunningMean> lying = RunningMean.TYPE.withBuffers(spec -> Map.of("running_mean", new int[] {3}));
        registration = LayerTypes.register(lying);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(directory.resolve("m.safetensors"), trainedModel(), Map.of()));
        assertTrue(e.getMessage().contains("buffer 'layers.2.running_mean' of shape [4] where its layer type "
                + "declares [3]"), e.getMessage());
    }

    @Test
    void buffersAreDeclaredWithoutBuildingTheModel() {
        List<LayerSpec> specs = Architecture.parse(
                "[{\"type\":\"dense\",\"in\":3,\"out\":4},{\"type\":\"test_running_mean\",\"features\":4}]");
        assertEquals(List.of("layers.1.running_mean"), List.copyOf(Architecture.bufferShapes(specs).keySet()));
        assertArrayEquals(new int[] {4}, Architecture.bufferShapes(specs).get("layers.1.running_mean"));
        assertEquals(Map.of(), Architecture.bufferShapes(Architecture.parse("[{\"type\":\"dense\",\"in\":3,"
                + "\"out\":4}]")));
    }

    /** A saved model file rewritten by the codec with {@code tensor} dropped, or replaced by {@code instead}. */
    private Path rewrittenWithout(String tensor, StoredTensor instead) throws IOException {
        Path good = directory.resolve("good.safetensors");
        ModelFile.save(good, trainedModel(), Map.of());
        Map<String, String> metadata;
        Map<String, StoredTensor> tensors;
        try (SafetensorsReader reader = SafetensorsReader.open(good)) {
            metadata = reader.metadata();
            tensors = new LinkedHashMap<>(reader.readAll(null));
        }
        tensors.remove(tensor);
        if (instead != null) {
            tensors.put(tensor, instead);
        }
        Path bad = directory.resolve("bad.safetensors");
        SafetensorsWriter.write(bad, metadata, tensors, SafetensorsWriter.SaveListener.NONE);
        return bad;
    }
}
