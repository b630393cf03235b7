package dev.magnetar.bridge.provision;

import org.apache.pulsar.client.admin.PulsarAdminException;

/**
 * Pulsar refused or failed to create or inspect part of a function's topology. The message names
 * what was being done to which topic or namespace, what Pulsar said, and whether a retry can help.
 */
public class ProvisioningException extends RuntimeException {
    private final boolean retryable;

    public ProvisioningException(String action, PulsarAdminException cause) {
        super(describe(action, cause), cause);
        this.retryable = isRetryable(cause);
    }

    /** True when the failure looks transient (broker unreachable, timeout, server error). */
    public boolean retryable() {
        return retryable;
    }

    static boolean isRetryable(PulsarAdminException e) {
        if (e instanceof PulsarAdminException.NotAuthorizedException
                || e instanceof PulsarAdminException.NotAllowedException
                || e instanceof PulsarAdminException.PreconditionFailedException
                || e instanceof PulsarAdminException.NotFoundException) {
            return false;
        }
        // 5xx, timeouts and connection errors carry no or a server-side status code.
        return e.getStatusCode() <= 0 || e.getStatusCode() >= 500;
    }

    private static String describe(String action, PulsarAdminException cause) {
        String said = firstLine(cause.getHttpError() != null && !cause.getHttpError().isBlank()
                ? cause.getHttpError() : cause.getMessage());
        String status = cause.getStatusCode() > 0 ? " (HTTP " + cause.getStatusCode() + ")" : "";
        String advice = isRetryable(cause)
                ? "retrying may help once the broker is reachable"
                : "retrying will not help until this is fixed";
        return "cannot " + action + ": Pulsar said: " + said + status + "; " + advice;
    }

    /** Server errors carry a whole stack trace; its "Message:" line (or first line) is what matters. */
    static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        String line = text.lines().map(String::strip).filter(l -> l.startsWith("Message:")).findFirst()
                .map(l -> l.substring("Message:".length()).strip())
                .orElse(text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("---"))
                        .findFirst().orElse(text.strip()));
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
