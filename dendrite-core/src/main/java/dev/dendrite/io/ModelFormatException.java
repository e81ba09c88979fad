package dev.dendrite.io;

import java.io.IOException;

/**
 * A model file whose content does not follow the format: a header that is not valid JSON, offsets
 * that leave gaps or overlap, a tensor whose shape disagrees with the recorded architecture, an
 * unknown layer type or format version.
 *
 * <p>The message starts with the file and says what was expected and what was found, for example
 * {@code model.safetensors: tensor 'layers.0.weight' has shape [64, 784], architecture expects [784, 256]}.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which should start with the file name. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** An error with the given message and the lower-level cause (a JSON parse error, for example). */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
