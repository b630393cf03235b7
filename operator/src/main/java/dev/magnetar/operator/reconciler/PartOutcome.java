package dev.magnetar.operator.reconciler;

/**
 * How one part of a function (Topics, Deployment, Service, Autoscaler) stands after a reconcile:
 * becomes one status condition.
 *
 * @param type    condition type
 * @param ready   condition status True when set
 * @param reason  CamelCase reason
 * @param message what a user reads in {@code kubectl describe}
 * @param retry   a later reconcile may fix it without a spec change (e.g. Pulsar was unreachable)
 */
public record PartOutcome(String type, boolean ready, String reason, String message, boolean retry) {
    public static final String TOPICS = "Topics";
    public static final String DEPLOYMENT = "Deployment";
    public static final String SERVICE = "Service";
    public static final String AUTOSCALER = "Autoscaler";
    public static final String READY = "Ready";
    public static final String CLEANUP = "Cleanup";
    /** Reasons of a part that is on its way, not in trouble. */
    public static final String PROGRESSING = "Progressing";
    public static final String WAITING_FOR_TOPICS = "WaitingForTopics";
    /** The Autoscaler part's reason once Magnetar's autoscaler changed the count; its message says why. */
    public static final String SCALED = "Scaled";

    public static PartOutcome ready(String type, String reason, String message) {
        return new PartOutcome(type, true, reason, message, false);
    }

    public static PartOutcome notReady(String type, String reason, String message, boolean retry) {
        return new PartOutcome(type, false, reason, message, retry);
    }
}
