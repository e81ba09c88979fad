package dev.dendrite.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.io.Architecture;
import dev.dendrite.io.ModelFile;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The save/load contract of a layer: its architecture JSON rebuilds a layer that prints and
 * describes itself the same, and a model file written with it loads into a model whose
 * parameters and evaluation-mode outputs are the same bits.
 */
public final class LayerRoundTrip {
    private LayerRoundTrip() {
    }

    /**
     * Checks the architecture and model-file round trips of {@code layer} on {@code input}, using
     * {@code directory} for the file; returns the loaded model.
     */
    public static Sequential check(Module layer, Tensor input, Path directory) {
        Sequential model = new Sequential(layer);
        String json = Architecture.describe(model);
        Sequential rebuilt = Architecture.build(json, new Random(99));
        assertEquals(model.toString(), rebuilt.toString(), "architecture rebuild of " + json);
        assertEquals(json, Architecture.describe(rebuilt), "architecture of the rebuilt model");
        Path file = directory.resolve("layer.safetensors");
        Sequential loaded;
        try {
            ModelFile.save(file, model, Map.of());
            loaded = ModelFile.load(file).model();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(model.toString(), loaded.toString(), "model file of " + json);
        model.namedParameters().forEach((name, tensor) ->
                assertArrayEquals(tensor.data(), loaded.namedParameters().get(name).data(), "parameter " + name));
        assertEquals(model.namedBuffers().keySet(), loaded.namedBuffers().keySet(), "buffers of " + json);
        model.namedBuffers().forEach((name, tensor) ->
                assertArrayEquals(tensor.data(), loaded.namedBuffers().get(name).data(), "buffer " + name));
        model.eval();
        loaded.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertArrayEquals(model.forward(input).data(), loaded.forward(input).data(), "eval output after loading");
        }
        return loaded;
    }
}
