package dev.magnetar.runtime.invoke;

/** The function gave no result within spec.timeoutMs. */
public class InvocationTimeoutException extends RuntimeException {
    public InvocationTimeoutException(String message) {
        super(message);
    }
}
