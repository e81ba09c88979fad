package dev.dendrite.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dendrite.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs an ONNX file in ONNX Runtime, the reference every exported file is checked against. Creating
 * a session is also the model check: ONNX Runtime refuses a file whose graph does not resolve (an
 * unknown operator or attribute, a type or shape error, an opset or IR version it does not know).
 * The Java API of ONNX Runtime has no separate checker.
 */
final class OnnxRuntimeRunner implements AutoCloseable {
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /** A session for the file's bytes, one thread, default graph optimisations (what users run). */
    OnnxRuntimeRunner(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = ENVIRONMENT.createSession(model, options);
        }
    }

    /** The model's single output for {@code input}, as a Dendrite tensor. */
    Tensor run(Tensor input) throws OrtException {
        long[] shape = Arrays.stream(input.shape().dims()).asLongStream().toArray();
        String name = session.getInputNames().iterator().next();
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(input.data()), shape);
                OrtSession.Result result = session.run(Map.of(name, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            FloatBuffer buffer = output.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            int[] dims = Arrays.stream(output.getInfo().getShape()).mapToInt(Math::toIntExact).toArray();
            return Tensor.wrap(values, dims);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
