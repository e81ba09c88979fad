package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.ModelFile;
import dev.dendrite.io.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file whose weights hold NaN is refused by the commands that load it, in one line naming
 * the tensor; {@code --allow-nonfinite} loads it anyway where that makes sense ({@code summary},
 * {@code evaluate}, {@code predict}).
 */
class NonFiniteModelTest {
    @TempDir
    Path directory;

    private Path modelWithNan() throws IOException {
        Path trained = CliRun.train(directory, "iris", "--data", "iris", "--epochs", "1");
        SavedModel saved = ModelFile.load(trained);
        saved.model().namedParameters().get("layers.1.weight").data()[3] = Float.NaN;
        Map<String, String> metadata = new LinkedHashMap<>(saved.metadata());
        metadata.keySet().removeAll(TrainedModel.RESERVED_KEYS);
        Path broken = directory.resolve("nan.safetensors");
        ModelFile.save(broken, saved.model(), metadata);
        return broken;
    }

    @Test
    void summaryEvaluateAndPredictRefuseItNamingTheTensorAndTheOption() throws IOException {
        String model = modelWithNan().toString();
        String[] fragments = {"tensor 'layers.1.weight' holds 1 non-finite value (the first, NaN, at flat index 3",
            "(--allow-nonfinite loads it anyway)"};
        CliRun.of("summary", "--model", model).assertFails(1, fragments);
        CliRun.of("evaluate", "--model", model, "--data", "iris").assertFails(1, fragments);
        CliRun.of("predict", "--model", model, "--input", "5.1,3.5,1.4,0.2").assertFails(1, fragments);
        CliRun.of("export", "--model", model, "--out", directory.resolve("m.onnx").toString())
                .assertFails(1, "tensor 'layers.1.weight' holds 1 non-finite value");
    }

    @Test
    void withTheOptionSummaryShowsIt() throws IOException {
        CliRun run = CliRun.ok("summary", "--model", modelWithNan().toString(), "--allow-nonfinite");
        assertTrue(run.out().contains("Dense"), run.out());
    }
}
