package dev.dendrite.io;

/**
 * A model file whose parameters or buffers hold NaN or an infinity. Such a model gives answers
 * with a confidence it does not have (ReLU turns NaN into 0), so {@link ModelFile#load(java.nio.file.Path)}
 * refuses it; {@link ModelFile#load(java.nio.file.Path, java.util.Random, boolean)} loads it anyway
 * for inspection. The message names the file and the first tensor affected.
 */
public final class NonFiniteParameterException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which starts with the file name and names the tensor. */
    public NonFiniteParameterException(String message) {
        super(message);
    }
}
