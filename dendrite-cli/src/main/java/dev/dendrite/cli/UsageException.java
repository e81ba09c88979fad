package dev.dendrite.cli;

/**
 * A bad option value found while a command runs (an unknown data set or model spec), as opposed
 * to bad file content: the command line reports it like picocli's own usage errors, with exit
 * code 2, so that every bad option value exits the same way.
 */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A usage error whose message starts with the option, such as {@code --data: expected ...}. */
    public UsageException(String message) {
        super(message);
    }

    /** As {@link #UsageException(String)}, keeping the error that revealed it. */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
