package dev.magnetar.controlplane.autoscale;

/**
 * What was seen of one function at one moment.
 *
 * @param backlog         messages its subscription has not acknowledged yet, or null when it could not be read
 * @param rateIn          messages per second published to its inputs (0 when unknown)
 * @param rateOut         messages per second delivered to its replicas (0 when unknown)
 * @param inFlight        messages and calls the replicas that answered are working on now
 * @param gatewayWaiting  gateway calls waiting for its reply now
 * @param cpuUtilization  average CPU of its replicas in percent of what each asks for, or null when unknown
 * @param woken           a call or message arrived for it since the last decision, whatever the counts say
 * @param unheard         ready replicas asked for their work in progress that did not answer: theirs is unknown
 */
public record Observation(Long backlog, double rateIn, double rateOut, int inFlight, int gatewayWaiting,
                          Double cpuUtilization, boolean woken, int unheard) {
    /** An observation in which every replica asked answered. */
    public Observation(Long backlog, double rateIn, double rateOut, int inFlight, int gatewayWaiting,
                       Double cpuUtilization, boolean woken) {
        this(backlog, rateIn, rateOut, inFlight, gatewayWaiting, cpuUtilization, woken, 0);
    }

    /** Nothing waiting, nothing running, nothing arriving. */
    public static Observation idle() {
        return new Observation(0L, 0, 0, 0, 0, null, false);
    }

    /** Work is waiting or running: the function is not idle. */
    public boolean active() {
        return woken || (backlog != null && backlog > 0) || inFlight > 0 || gatewayWaiting > 0;
    }

    /** The work in progress the in-flight target is about: gateway calls include those a replica runs now. */
    int concurrentWork() {
        return Math.max(inFlight, gatewayWaiting);
    }

    public Observation withWoken(boolean woken) {
        return new Observation(backlog, rateIn, rateOut, inFlight, gatewayWaiting, cpuUtilization, woken, unheard);
    }

    /** This observation with the gateway calls waiting, and woken as well when {@code arrived}. */
    public Observation withGateway(int waiting, boolean arrived) {
        return new Observation(backlog, rateIn, rateOut, inFlight, waiting, cpuUtilization, woken || arrived, unheard);
    }

    /** This observation with what the replicas said they hold, and how many of them did not answer. */
    public Observation withReplicas(int inFlight, int unheard) {
        return new Observation(backlog, rateIn, rateOut, inFlight, gatewayWaiting, cpuUtilization, woken, unheard);
    }
}
