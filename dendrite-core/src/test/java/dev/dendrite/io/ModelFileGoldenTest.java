package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loads the committed format-version-1 file (see README.md beside it in the test resources for how
 * it was made) and checks its weights and predictions against values written down when it was made;
 * also loads a file written by the reference safetensors implementation.
 */
class ModelFileGoldenTest {
    private static final float[][] INPUTS = {{0.5f, -1f, 2f}, {0f, 0f, 0f}, {-3f, 1.5f, 0.25f}};
    private static final float[] PREDICTIONS = {
        0.4099024f, 0.26941162f, 0.32068598f,
        0.47278115f, 0.24558632f, 0.28163254f,
        0.4003958f, 0.32298204f, 0.27662218f,
    };

    private static SavedModel load() throws IOException, URISyntaxException {
        return load("format-v1-model.safetensors");
    }

    private static SavedModel load(String resource) throws IOException, URISyntaxException {
        return ModelFile.load(Path.of(ModelFileGoldenTest.class.getResource(resource).toURI()));
    }

    @Test
    void architectureAndMetadataReadBack() throws Exception {
        SavedModel saved = load();
        assertEquals(List.of("Dense(3 -> 5)", "LeakyReLU(alpha=0.1)", "Dense(5 -> 4)", "ELU(alpha=0.5)",
                "Dropout(p=0.2)", "Dense(4 -> 4)", "Tanh()", "Dense(4 -> 3)", "Softmax(axis=-1)"),
                saved.model().layers().stream().map(Module::toString).toList());
        assertEquals(List.of("format", "format_version", "architecture", "classes", "description"),
                List.copyOf(saved.metadata().keySet()));
        assertEquals("dendrite", saved.metadata().get("format"));
        assertEquals("1", saved.metadata().get("format_version"));
        assertEquals("red,green,blue", saved.metadata().get("classes"));
    }

    @Test
    void weightsReadBackExactly() throws Exception {
        Map<String, Tensor> parameters = load().model().namedParameters();
        assertArrayEquals(new float[] {0.3929651f, -0.46482727f, -0.06889444f, 0.027214348f, -0.478089f},
                parameters.get("layers.0.bias").data());
        assertArrayEquals(new float[] {0.39030412f, -0.7211822f, -0.029271998f, 0.20595156f, -0.17224509f,
            -1.2589751f, -0.19643131f, -0.6466768f, 0.19171305f, 1.1709596f, 0.23892137f, 0.5631645f},
                parameters.get("layers.7.weight").data());
        assertArrayEquals(new int[] {4, 3}, parameters.get("layers.7.weight").shape().dims());
        double sum = 0;
        int count = 0;
        for (Tensor parameter : parameters.values()) {
            for (float value : parameter.data()) {
                sum += value;
                count++;
            }
        }
        assertEquals(79, count);
        // The same additions in the same order give the same double on every JVM.
        assertEquals(-0.10084679443389177, sum);
    }

    @Test
    void predictionsMatchTheValuesRecordedWhenTheFileWasMade() throws Exception {
        Sequential model = load().model();
        model.eval();
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            // A tolerance, not bit equality: exp and tanh may differ in the last bit between JVMs and SIMD paths.
            assertArrayEquals(PREDICTIONS, model.forward(Tensor.matrix(INPUTS)).data(), 1e-6f);
        }
    }

    @Test
    void aFileFromTheReferenceWriterLoads() throws Exception {
        SavedModel saved = load("reference-writer-model.safetensors");
        assertEquals("safetensors (Python)", saved.metadata().get("written_by"));
        Map<String, Tensor> parameters = saved.model().namedParameters();
        assertArrayEquals(new float[] {-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f}, parameters.get("layers.0.weight").data());
        assertArrayEquals(new float[] {0.125f, -1f, 2f}, parameters.get("layers.0.bias").data());
        // [1, 2] · W + b = [0.125, -0.25, 3.5], then tanh
        float[] expected = {(float) Math.tanh(0.125), (float) Math.tanh(-0.25), (float) Math.tanh(3.5)};
        assertArrayEquals(expected, saved.model().forward(Tensor.vector(1f, 2f)).data(), 1e-6f);
    }
}
