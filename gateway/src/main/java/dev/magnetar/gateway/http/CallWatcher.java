package dev.magnetar.gateway.http;

/**
 * Hears of each call as the gateway sends it to a function and as it ends. In standalone mode the autoscaler counts
 * the calls waiting per function and wakes a function at zero replicas on the first one, at once, while Pulsar holds
 * the request.
 */
public interface CallWatcher {
    /** Watches nothing: where no autoscaler runs beside the gateway. */
    CallWatcher NONE = new CallWatcher() {
        @Override
        public void sent(String fqfn) {
        }

        @Override
        public void ended(String fqfn) {
        }
    };

    /** A call to {@code fqfn} is about to be sent. */
    void sent(String fqfn);

    /** A call to {@code fqfn} got its answer, an error, or timed out. */
    void ended(String fqfn);

    /**
     * An asynchronous call to {@code fqfn} is on its input topic: nobody waits for it here, but a function at zero
     * must still wake for it.
     */
    default void queued(String fqfn) {
    }
}
