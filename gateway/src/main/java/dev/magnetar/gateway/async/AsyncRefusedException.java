package dev.magnetar.gateway.async;

/** An asynchronous call was not accepted; {@link #reason()} says why, the message what to do. */
public class AsyncRefusedException extends RuntimeException {
    /** Why a call was not accepted. */
    public enum Reason {
        /** As many calls as the gateways keep are pending (HTTP 429). */
        FULL,
        /** The caller's call id is kept already (HTTP 409). */
        ID_TAKEN,
        /** The gateway cannot reach its topics yet (HTTP 503). */
        UNAVAILABLE
    }

    private final Reason reason;

    public AsyncRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
