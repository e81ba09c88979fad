package dev.dendrite.onnx;

import static dev.dendrite.onnx.OutputAssert.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models exported by PyTorch's own {@code torch.onnx.export} (fixtures made by
 * {@code src/test/resources/dev/dendrite/onnx/pytorch/make_fixtures.py}; PyTorch is not needed to
 * run this test): the imported model reproduces the outputs PyTorch computed, within 1e-5 of the
 * output's scale, and so does ONNX Runtime on the same file.
 */
class PytorchFixturesTest {
    private static final String DIRECTORY = "pytorch/";

    @ParameterizedTest
    @ValueSource(strings = {"mlp_relu", "mlp_gelu", "mlp_view", "cnn_bn", "cnn_gap"})
    void importedModelsReproducePytorchsOutputs(String name) throws Exception {
        byte[] onnx = resource(name + ".onnx").readAllBytes();
        Tensor[] expected = expectations(name);
        Tensor input = expected[0];
        Tensor pytorch = expected[1];

        OnnxImport.Imported imported = OnnxImport.parse(onnx, name + ".onnx");
        int rows = input.shape().dim(0);
        Tensor ours;
        try (var scope = GradMode.noGrad()) {
            int[] taken = new int[imported.sampleShape().length + 1];
            taken[0] = rows;
            System.arraycopy(imported.sampleShape(), 0, taken, 1, taken.length - 1);
            ours = imported.model().forward(input.reshape(taken));
        }
        assertMatches(pytorch, ours, name + " imported");
        try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(onnx)) {
            assertMatches(pytorch, runtime.run(input), name + " in ONNX Runtime");
        }
        assertEquals(Arrays.toString(Arrays.copyOfRange(input.shape().dims(), 1, input.rank())),
                Arrays.toString(imported.inputShape()));
    }

    /** The input and PyTorch's output from NAME.txt. */
    private static Tensor[] expectations(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name + ".txt"),
                StandardCharsets.UTF_8))) {
            return new Tensor[] {tensor(reader, "input"), tensor(reader, "output")};
        }
    }

    private static Tensor tensor(BufferedReader reader, String label) throws IOException {
        String[] header = reader.readLine().trim().split(" ");
        assertEquals(label, header[0]);
        int[] dims = Arrays.stream(header).skip(1).mapToInt(Integer::parseInt).toArray();
        String[] text = reader.readLine().trim().split(" ");
        float[] values = new float[text.length];
        for (int i = 0; i < text.length; i++) {
            values[i] = Float.parseFloat(text[i]);
        }
        return Tensor.wrap(values, dims);
    }

    private static InputStream resource(String file) {
        InputStream stream = PytorchFixturesTest.class.getResourceAsStream(DIRECTORY + file);
        assertNotNull(stream, "missing test resource " + DIRECTORY + file);
        return stream;
    }
}
