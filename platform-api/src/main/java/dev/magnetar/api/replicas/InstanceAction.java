package dev.magnetar.api.replicas;

/** What an operator can do to one replica, or to all of a function's replicas. */
public enum InstanceAction {
    START("start", "started"),
    STOP("stop", "stopped"),
    RESTART("restart", "restarted");

    private final String verb;
    private final String done;

    InstanceAction(String verb, String done) {
        this.verb = verb;
        this.done = done;
    }

    public String verb() {
        return verb;
    }

    public String done() {
        return done;
    }
}
