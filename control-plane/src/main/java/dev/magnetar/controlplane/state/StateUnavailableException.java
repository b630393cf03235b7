package dev.magnetar.controlplane.state;

import dev.magnetar.api.state.StateException;

/** There is no state storage, or it does not answer: the admin API says 503 with the reason. */
public class StateUnavailableException extends StateException {
    public StateUnavailableException(String message) {
        super(message);
    }
}
