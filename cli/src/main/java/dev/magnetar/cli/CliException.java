package dev.magnetar.cli;

/**
 * A failure the user can act on: its message is printed as one line, without a stack trace
 * (unless {@code --verbose}), and the command exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {
    /** The server refused or failed the request, or something it needs is missing. */
    public static final int FAILED = 1;
    /** The command line itself is wrong (picocli uses 2 for usage errors too). */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(String message) {
        this(message, FAILED, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
