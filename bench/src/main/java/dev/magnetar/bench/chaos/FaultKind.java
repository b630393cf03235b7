package dev.magnetar.bench.chaos;

/** What the chaos scenario kills with SIGKILL; the killed process is started again by its owner. */
enum FaultKind {
    /** One replica of the function; the control plane's supervisor starts it again. */
    REPLICA("replica"),
    /** The control plane with its gateway; the scenario starts a new one on the same data dir and port. */
    CONTROL_PLANE("control plane"),
    /** The broker with its bookie; the scenario starts it again on the same data dir and ports. */
    BROKER("broker");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
