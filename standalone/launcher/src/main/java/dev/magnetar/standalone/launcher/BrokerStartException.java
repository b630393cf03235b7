package dev.magnetar.standalone.launcher;

/**
 * The embedded broker did not become ready. The message is one line meant for the user: the
 * broker's own reason (naming the option or path at fault) or the last lines it printed.
 */
public class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
