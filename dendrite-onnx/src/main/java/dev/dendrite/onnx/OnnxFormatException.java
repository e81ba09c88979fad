package dev.dendrite.onnx;

import java.io.IOException;

/**
 * An ONNX file that cannot become a Dendrite model: bytes that are not an ONNX protobuf, a tensor
 * whose data disagrees with its declared shape or type, an operator or graph shape Dendrite does
 * not support. The message is one line that starts with the file, for example
 * {@code m.onnx: node 'conv1' (Conv) is not supported; supported: Gemm, MatMul, ...}.
 */
public final class OnnxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which should start with the file name. */
    public OnnxFormatException(String message) {
        super(message);
    }

    /** An error with the given message and the lower-level cause (a protobuf parse error, for example). */
    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
