package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.ModelFile;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.OnnxImport;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite export} and {@code dendrite import}, and the other commands reading an .onnx model directly. */
class OnnxCommandsTest {
    @TempDir
    Path directory;

    @Test
    void exportedAndImportedModelsEvaluateAndPredictAsTheOriginal() throws IOException {
        Path iris = TrainedModels.get().iris;
        Path onnx = directory.resolve("iris.onnx");
        CliRun.ok("export", "--model", iris.toString(), "--out", onnx.toString(), "--opset", "18");
        OnnxImport.Imported file = OnnxImport.read(onnx);
        assertEquals(18, file.opset());
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                ClassNames.read(file.metadata().get(TrainedModel.CLASSES)));
        String evaluated = CliRun.ok("evaluate", "--model", iris.toString(), "--data", "iris").out();
        assertEquals(evaluated, CliRun.ok("evaluate", "--model", onnx.toString(), "--data", "iris").out());
        String predicted = CliRun.ok("predict", "--model", iris.toString(), "--input", "5.1,3.5,1.4,0.2").out();
        assertEquals(predicted, CliRun.ok("predict", "--model", onnx.toString(), "--input", "5.1,3.5,1.4,0.2").out());
        assertTrue(CliRun.ok("summary", "--model", onnx.toString()).out().contains("Normalization(4)"));

        Path back = directory.resolve("back.safetensors");
        CliRun.ok("import", onnx.toString(), "--out", back.toString());
        assertEquals(predicted, CliRun.ok("predict", "--model", back.toString(), "--input", "5.1,3.5,1.4,0.2").out());
        Map<String, Tensor> original = ModelFile.load(iris).model().namedParameters();
        Map<String, Tensor> imported = ModelFile.load(back).model().namedParameters();
        assertEquals(original.keySet(), imported.keySet());
        original.forEach((name, tensor) -> assertArrayEquals(tensor.data(), imported.get(name).data(), name));
    }

    @Test
    void aConvolutionalModelExportsWithItsRecordedInputShape() throws IOException {
        Path cnn = CliRun.train(directory, "cnn", "--data", "digits", "--model",
                "conv:4:3,relu,maxpool:2,flatten,dense:10", "--epochs", "1");
        Path onnx = directory.resolve("cnn.onnx");
        CliRun.ok("export", "--model", cnn.toString(), "--out", onnx.toString());
        OnnxImport.Imported file = OnnxImport.read(onnx);
        assertArrayEquals(TrainedModel.load(cnn).sampleInputShape(), file.inputShape());
        assertEquals(CliRun.ok("evaluate", "--model", cnn.toString(), "--data", "digits").out(),
                CliRun.ok("evaluate", "--model", onnx.toString(), "--data", "digits").out());
        Path back = directory.resolve("cnn-back.safetensors");
        CliRun.ok("import", onnx.toString(), "--out", back.toString());
        Sequential original = ModelFile.load(cnn).model();
        Sequential imported = ModelFile.load(back).model();
        assertEquals(original.toString(), imported.toString());
    }

    @Test
    void badFilesAndOptionsGiveOneLine() throws IOException {
        Path iris = TrainedModels.get().iris;
        Path junk = Files.write(directory.resolve("junk.onnx"), randomBytes(500));
        CliRun.of("import", junk.toString(), "--out", directory.resolve("x.safetensors").toString())
                .assertFails(1, "junk.onnx");
        CliRun.of("evaluate", "--model", junk.toString(), "--data", "iris").assertFails(1, "junk.onnx");
        Path onnx = directory.resolve("iris.onnx");
        CliRun.ok("export", "--model", iris.toString(), "--out", onnx.toString());
        byte[] bytes = Files.readAllBytes(onnx);
        Path truncated = Files.write(directory.resolve("truncated.onnx"), java.util.Arrays.copyOf(bytes,
                bytes.length / 2));
        CliRun.of("summary", "--model", truncated.toString()).assertFails(1, "truncated.onnx");
        CliRun.of("import", directory.resolve("missing.onnx").toString(), "--out", "x.safetensors")
                .assertFails(1, "missing.onnx");
        CliRun.of("import", iris.toString(), "--out", "x.safetensors").assertFails(2, "expected an ONNX file");
        CliRun.of("export", "--model", iris.toString(), "--out", onnx.toString(), "--opset", "9")
                .assertFails(2, "--opset: expected an opset from 13 to 22, got 9");
        CliRun.of("export", "--model", junk.toString(), "--out", directory.resolve("y.onnx").toString())
                .assertFails(1, "junk.onnx");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
