package dev.dendrite.data;

import java.io.IOException;

/**
 * A data file whose content does not follow its format: a wrong magic number, a truncated header
 * or body, trailing bytes, sizes that disagree between files.
 *
 * <p>The message names the file and either the byte offset of the problem or the expected and
 * found values, for example
 * {@code train-images-idx3-ubyte.gz: expected magic number 2051 (images), got 2049 at byte 0}.
 */
public final class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An error with the given message, which should start with the file name. */
    public DataFormatException(String message) {
        super(message);
    }

    /** An error with the given message and the lower-level cause (a gzip error, for example). */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
