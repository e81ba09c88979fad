package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Activations;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path directory;

    // ---- round trips ----

    @Test
    void everyActivationRoundTripsWithBitIdenticalPredictions() throws IOException {
        Random random = new Random(1);
        Sequential model = new Sequential();
        int width = 5;
        model.add(new Dense(3, width, random));
        for (String name : Activations.names()) {
            model.add(Activations.byName(name));
            model.add(new Dense(width, width, random));
        }
        assertRoundTrip(model, 3, random);
    }

    @Test
    void hyperparametersAndDropoutRoundTrip() throws IOException {
        Random random = new Random(2);
        Sequential model = new Sequential(new Dense(4, 8, random), new LeakyReLU(0.2f), new Dropout(0.3, random),
                new Dense(8, 8, random), new ELU(0.7f), new Dense(8, 6, random), new LeakyReLU(0.1f),
                new Dense(6, 3, random), new Softmax(1));
        Sequential loaded = assertRoundTrip(model, 4, random);
        assertEquals(List.of("Dense(4 -> 8)", "LeakyReLU(alpha=0.2)", "Dropout(p=0.3)", "Dense(8 -> 8)",
                "ELU(alpha=0.7)", "Dense(8 -> 6)", "LeakyReLU(alpha=0.1)", "Dense(6 -> 3)", "Softmax(axis=1)"),
                loaded.layers().stream().map(Module::toString).toList());
        assertEquals(0.3f, ((Dropout) loaded.layers().get(2)).probability());
    }

    @Test
    void mlpSpecModelRoundTrips() throws IOException {
        Sequential model = MlpSpec.parse("mlp:6-16-8-3:gelu_tanh:sigmoid").build(new Random(3));
        randomise(model, new Random(4));
        assertRoundTrip(model, 6, new Random(5));
    }

    @Test
    void modelsWithoutParametersRoundTrip() throws IOException {
        assertRoundTrip(new Sequential(new ReLU(), new Softmax()), 3, new Random(6));
        Path file = directory.resolve("empty.safetensors");
        ModelFile.save(file, new Sequential(), Map.of());
        assertEquals(0, ModelFile.load(file).model().layers().size());
    }

    /** Saves, loads, and checks the weights and eval-mode predictions are bit for bit the same. */
    private Sequential assertRoundTrip(Sequential model, int inputs, Random random) throws IOException {
        Path file = directory.resolve("model.safetensors");
        ModelFile.save(file, model, Map.of());
        Sequential loaded = ModelFile.load(file).model();
        assertEquals(Architecture.describe(model), Architecture.describe(loaded));
        Map<String, Tensor> expected = model.namedParameters();
        Map<String, Tensor> actual = loaded.namedParameters();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, tensor) -> {
            assertArrayEquals(tensor.shape().dims(), actual.get(name).shape().dims(), name);
            assertArrayEquals(tensor.data(), actual.get(name).data(), name);
        });
        model.eval();
        loaded.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            for (int trial = 0; trial < 5; trial++) {
                Tensor input = Tensor.normal(random, 0f, 3f, 7, inputs);
                assertArrayEquals(model.forward(input).data(), loaded.forward(input).data());
            }
        }
        return loaded;
    }

    private static void randomise(Module model, Random random) {
        for (Tensor parameter : model.parameters()) {
            float[] data = parameter.data();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
        }
    }

    // ---- metadata ----

    @Test
    void metadataIsPreservedBesideTheReservedEntries() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("classes", "zero,one,\"two\"");
        metadata.put("normalisation.mean", "0.1307");
        metadata.put("notes", "line one\nline two\ttabbed \\ backslash, ünïcødé ✓, \u0001 control");
        metadata.put("empty", "");
        Path file = directory.resolve("model.safetensors");
        Sequential model = new Sequential(new Dense(2, 2, new Random(7)));
        ModelFile.save(file, model, metadata);
        Map<String, String> loaded = ModelFile.load(file).metadata();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("format", "dendrite");
        expected.put("format_version", "2");
        expected.put("architecture", "[{\"type\":\"dense\",\"in\":2,\"out\":2}]");
        expected.putAll(metadata);
        assertTrue(loaded.get("crc32").matches("[0-9a-f]{1,8}"), loaded.get("crc32"));
        expected.put("crc32", loaded.get("crc32"));
        assertEquals(expected, loaded);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(loaded.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> loaded.put("x", "y"));
    }

    @Test
    void reservedOrNullMetadataIsRefusedBeforeWriting() {
        Path file = directory.resolve("model.safetensors");
        Sequential model = new Sequential(new ReLU());
        for (String key : List.of("format", "format_version", "architecture", "crc32")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.save(file, model, Map.of(key, "x")));
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, model, withNull));
        assertFalse(Files.exists(file));
    }

    // ---- the bytes on disk, checked independently ----

    @Test
    void fileFollowsTheSafetensorsLayout() throws IOException {
        Random random = new Random(8);
        Sequential model = new Sequential(new Dense(3, 4, random), new LeakyReLU(0.01f), new Dropout(0.5, random),
                new Dense(4, 2, random), new Softmax());
        randomise(model, random);
        Path file = directory.resolve("layout.safetensors");
        ModelFile.save(file, model, Map.of("classes", "a,b"));
        byte[] bytes = Files.readAllBytes(file);

        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data buffer starts 8-byte aligned");
        String headerText = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(headerText.startsWith("{"));
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) MiniJson.parse(headerText);

        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) header.get("__metadata__");
        assertEquals("dendrite", metadata.get("format"));
        assertEquals("2", metadata.get("format_version"));
        assertEquals("a,b", metadata.get("classes"));
        List<?> layers = (List<?>) MiniJson.parse((String) metadata.get("architecture"));
        assertEquals(List.of(
                Map.of("type", "dense", "in", new BigDecimal(3), "out", new BigDecimal(4)),
                Map.of("type", "leaky_relu", "alpha", new BigDecimal("0.01")),
                Map.of("type", "dropout", "p", new BigDecimal("0.5")),
                Map.of("type", "dense", "in", new BigDecimal(4), "out", new BigDecimal(2)),
                Map.of("type", "softmax", "axis", new BigDecimal(-1))), layers);

        long dataStart = 8 + headerLength;
        long position = 0;
        List<String> tensorNames = new ArrayList<>(header.keySet());
        tensorNames.remove("__metadata__");
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"), tensorNames);
        for (String name : tensorNames) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) header.get(name);
            assertEquals("F32", entry.get("dtype"));
            List<?> offsets = (List<?>) entry.get("data_offsets");
            assertEquals(new BigDecimal(position), offsets.get(0), name + " starts where the previous ended");
            long end = ((BigDecimal) offsets.get(1)).longValueExact();
            Tensor tensor = model.namedParameters().get(name);
            assertEquals(shapeOf(tensor), entry.get("shape"));
            float[] stored = new float[tensor.size()];
            ByteBuffer.wrap(bytes, (int) (dataStart + position), (int) (end - position))
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(stored);
            assertArrayEquals(tensor.data(), stored, name);
            position = end;
        }
        assertEquals(bytes.length, dataStart + position, "the tensors cover the data buffer exactly");
    }

    private static List<BigDecimal> shapeOf(Tensor tensor) {
        List<BigDecimal> shape = new ArrayList<>();
        for (int dim : tensor.shape().dims()) {
            shape.add(new BigDecimal(dim));
        }
        return shape;
    }

    @Test
    void handMadeFileLoads() throws IOException {
        Path file = Crafted.write(directory, "hand.safetensors",
                Crafted.file(Crafted.validHeader(), Crafted.floats(Crafted.VALUES)));
        SavedModel saved = ModelFile.load(file);
        Dense dense = (Dense) saved.model().layers().get(0);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, dense.weight().data());
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.25f}, dense.bias().data());
        // [1, -1] · [[1, 2, 3], [4, 5, 6]] + b = [-2.5, -3.5, -2.75], all cut by the ReLU
        assertArrayEquals(new float[] {0, 0, 0}, saved.model().forward(Tensor.vector(1, -1)).data());
        assertArrayEquals(new float[] {5.5f, 6.5f, 9.25f}, saved.model().forward(Tensor.vector(1, 1)).data());
    }

    @Test
    void unregisteredLayersAreRefusedBeforeWriting() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        Path file = directory.resolve("model.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(file, new Sequential(new ReLU(), custom), Map.of()));
        assertTrue(e.getMessage().startsWith("architecture layers.1: "), e.getMessage());
        assertFalse(Files.exists(file));
    }
}
