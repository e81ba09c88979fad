package dev.dendrite.train;

import java.io.IOException;

/**
 * A checkpoint file that cannot be used: truncated by a crash outside Dendrite's atomic save,
 * damaged on the disk, or not a Dendrite checkpoint. The message starts with the file and says what
 * was expected and what was found. Immutable.
 */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which should start with the file name. */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** An error with the given message and the lower-level cause (a JSON parse error, for example). */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
