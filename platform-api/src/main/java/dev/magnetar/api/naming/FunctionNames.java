package dev.magnetar.api.naming;

import java.util.Locale;
import java.util.Map;

/** Every name Magnetar derives from a function, in one place. */
public final class FunctionNames {
    public static final String DEFAULT_TENANT = "public";
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String LABEL_NAME = "magnetar.dev/function";
    public static final String LABEL_TENANT = "magnetar.dev/tenant";
    public static final String LABEL_NAMESPACE = "magnetar.dev/namespace";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Prefix of the labels and annotations Magnetar sets; a function's pod overlay may not use it. */
    public static final String RESERVED_PREFIX = "magnetar.dev/";
    /**
     * Tells the platform's own pods apart (gateway, controller): the chart selects them, and lets them reach
     * the replicas, by it, so a function's pod may not wear it.
     */
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    /** Value of {@link #LABEL_MANAGED_BY} and the field manager of everything Magnetar writes. */
    public static final String MANAGER = "magnetar";
    /** Finalizer that removes the subscription once a Function's replicas are gone. */
    public static final String FINALIZER_CLEANUP_SUBSCRIPTION = "magnetar.dev/cleanup-subscription";
    /** Finalizer that deletes the function's package topic (its jar, kept in Pulsar) once its replicas are gone. */
    public static final String FINALIZER_CLEANUP_PACKAGE = "magnetar.dev/cleanup-package";
    /** Annotation on a child object: hash of what the controller last applied, so a resync writes nothing. */
    public static final String ANNOTATION_DESIRED_HASH = "magnetar.dev/desired-hash";
    /**
     * Annotation on a Deployment: the desired-state hash of a version whose rollout failed and was rolled back;
     * that version is not rolled out again until the Function changes.
     */
    public static final String ANNOTATION_ROLLED_BACK_FROM = "magnetar.dev/rolled-back-from";
    /** Annotation on a stopped Function: the replica count to restore on start. */
    public static final String ANNOTATION_STOPPED_REPLICAS = "magnetar.dev/stopped-replicas";
    /** Annotation on a Function: the instance ids stopped one by one, comma-separated, to keep stopped. */
    public static final String ANNOTATION_STOPPED_INSTANCES = "magnetar.dev/stopped-instances";

    /** The gateways' one subscription on {@link #asyncResultsTopic}. */
    public static final String ASYNC_RESULTS_SUBSCRIPTION = "magnetar-gateway-async";

    private FunctionNames() {
    }

    /** Fully qualified function name, as Pulsar writes it: {@code tenant/namespace/name}. */
    public static String fqfn(String tenant, String namespace, String name) {
        return tenant + "/" + namespace + "/" + name;
    }

    /** Pulsar's default subscription name for a function is its fully qualified name. */
    public static String defaultSubscription(String tenant, String namespace, String name) {
        return fqfn(tenant, namespace, name);
    }

    public static String defaultDeadLetterTopic(String tenant, String namespace, String name) {
        return "persistent://" + tenant + "/" + namespace + "/" + name + "-DLQ";
    }

    /** Topic of one gateway instance's replies; non-persistent because a reply is worth nothing after a restart. */
    public static String replyTopic(String tenant, String namespace, String gatewayId) {
        return "non-persistent://" + tenant + "/" + namespace + "/magnetar-replies-" + gatewayId;
    }

    /**
     * Topic the replicas publish asynchronous calls' results to: persistent and shared by every gateway instance
     * (one Shared subscription, {@link #ASYNC_RESULTS_SUBSCRIPTION}), so a result waits for a gateway through a
     * restart and any instance may deliver it.
     */
    public static String asyncResultsTopic(String tenant, String namespace) {
        return "persistent://" + tenant + "/" + namespace + "/magnetar-async-results";
    }

    /**
     * Non-persistent topic on which gateways that run apart from the autoscaler (Kubernetes) report the calls waiting
     * for each function: message key the function's {@code tenant/namespace/name}, value the count in decimal. The
     * leading controller reads it to wake a function at zero at once and to count the calls waiting; a report lost
     * costs only a second, as the next one follows.
     */
    public static String gatewayCallsTopic(String tenant, String namespace) {
        return "non-persistent://" + tenant + "/" + namespace + "/magnetar-gateway-calls";
    }

    /**
     * Compacted topic keyed by call id that holds every asynchronous call the gateways keep (accepted, then
     * finished with its result), so that any instance can answer for any call.
     */
    public static String asyncCallsTopic(String tenant, String namespace) {
        return "persistent://" + tenant + "/" + namespace + "/magnetar-async-calls";
    }

    /** Name of the runtime's Deployment/Service on Kubernetes, and a safe file name locally. */
    public static String workloadName(String name) {
        return "fn-" + name.toLowerCase(Locale.ROOT);
    }

    /**
     * Name of the Kubernetes Secret holding the token that opens the function's replicas' status and invoke
     * routes; the replicas read it by this name.
     */
    public static String replicaAccessSecretName(String name) {
        return workloadName(name) + "-access";
    }

    /** Labels that select every replica of a function. */
    public static Map<String, String> selectorLabels(String tenant, String namespace, String name) {
        return Map.of(LABEL_NAME, name, LABEL_TENANT, tenant, LABEL_NAMESPACE, namespace);
    }
}
