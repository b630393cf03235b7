package dev.magnetar.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.PodOverlay;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a function may ask of its replica pods. The pod overlay's type has no place for host namespaces,
 * privileges, capabilities, host paths or a service account; what it does take is checked here, and the
 * same rules are the Function CRD's CEL rules (the constants below), so the API server refuses what the
 * platform refuses.
 */
public final class ReplicaPodRules {
    static final String APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    static final String SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
    static final String SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";

    /** CEL rule of {@code spec.pod}, on its labels. */
    public static final String LABELS_RULE = "!has(self.labels) || self.labels.all(k,"
            + " !k.startsWith('" + FunctionNames.RESERVED_PREFIX + "')"
            + " && k != '" + FunctionNames.LABEL_COMPONENT + "' && k != '" + FunctionNames.LABEL_MANAGED_BY + "')";
    public static final String LABELS_MESSAGE = "must not set labels under " + FunctionNames.RESERVED_PREFIX + ", "
            + FunctionNames.LABEL_COMPONENT + " or " + FunctionNames.LABEL_MANAGED_BY + ": the platform sets them to"
            + " select a function's replicas and to tell its gateway and controller apart; remove them";

    /** CEL rule of {@code spec.pod}, on its annotations. */
    public static final String ANNOTATIONS_RULE = "!has(self.annotations) || self.annotations.all(k,"
            + " !k.startsWith('" + FunctionNames.RESERVED_PREFIX + "') && !k.startsWith('" + APPARMOR_PREFIX + "')"
            + " && !k.startsWith('" + SECCOMP_CONTAINER_PREFIX + "') && k != '" + SECCOMP_POD + "')";
    public static final String ANNOTATIONS_MESSAGE = "must not set AppArmor or seccomp annotations (" + APPARMOR_PREFIX
            + "*, " + SECCOMP_CONTAINER_PREFIX + "*, " + SECCOMP_POD + ") nor any under " + FunctionNames.RESERVED_PREFIX
            + ": replicas always run confined by the runtime's default profiles; remove them";

    /** CEL rule of {@code spec.automountServiceAccountToken}. */
    public static final String AUTOMOUNT_RULE = "!self";
    public static final String AUTOMOUNT_MESSAGE = "must not be true: replicas get no Kubernetes service account"
            + " token (a function talks to Pulsar, not to the Kubernetes API); remove it";

    private static final Set<String> OVERLAY_FIELDS = Arrays.stream(PodOverlay.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toCollection(LinkedHashSet::new));
    private static final String NOT_AN_OVERLAY_FIELD = "is not allowed: the pod overlay takes only "
            + String.join(", ", OVERLAY_FIELDS) + "; replica pods never share the node's network, process or IPC"
            + " namespaces, run privileged, add capabilities, escalate privileges, mount host paths or use a service"
            + " account: remove it";

    private ReplicaPodRules() {
    }

    /** Adds a violation for each reserved label or annotation of the overlay, and for a service account token. */
    static void check(List<Violation> out, FunctionSpec spec) {
        if (Boolean.TRUE.equals(spec.getAutomountServiceAccountToken())) {
            out.add(new Violation("spec.automountServiceAccountToken", AUTOMOUNT_MESSAGE));
        }
        PodOverlay overlay = spec.getPod();
        if (overlay == null) {
            return;
        }
        for (String key : keys(overlay.labels())) {
            if (reservedLabel(key)) {
                out.add(new Violation("spec.pod.labels." + key, "is reserved: the platform sets it to select a"
                        + " function's replicas and to tell its gateway and controller apart; use another label"));
            }
        }
        for (String key : keys(overlay.annotations())) {
            if (key.startsWith(FunctionNames.RESERVED_PREFIX)) {
                out.add(new Violation("spec.pod.annotations." + key, "is reserved: the " + FunctionNames.RESERVED_PREFIX
                        + " prefix belongs to the platform; use another annotation"));
            } else if (loosensConfinement(key)) {
                out.add(new Violation("spec.pod.annotations." + key, "is not allowed: it would change the replica's"
                        + " AppArmor or seccomp profile, and replicas always run confined by the runtime's defaults;"
                        + " remove it"));
            }
        }
    }

    /** True for a label key a function's pod may not wear: one the platform selects or identifies its pods by. */
    public static boolean reservedLabel(String key) {
        return key.startsWith(FunctionNames.RESERVED_PREFIX) || key.equals(FunctionNames.LABEL_COMPONENT)
                || key.equals(FunctionNames.LABEL_MANAGED_BY);
    }

    /**
     * The fields of a document's {@code spec.pod} the overlay does not have (hostNetwork, securityContext,
     * volumes, serviceAccountName...), each a violation naming its path: a document is read strictly, and these
     * deserve more than "unrecognized field".
     */
    public static List<Violation> unknownOverlayFields(JsonNode pod) {
        List<Violation> out = new ArrayList<>();
        if (pod != null && pod.isObject()) {
            for (Iterator<String> names = pod.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!OVERLAY_FIELDS.contains(name)) {
                    out.add(new Violation("spec.pod." + name, NOT_AN_OVERLAY_FIELD));
                }
            }
        }
        return out;
    }

    private static boolean loosensConfinement(String key) {
        return key.startsWith(APPARMOR_PREFIX) || key.startsWith(SECCOMP_CONTAINER_PREFIX) || key.equals(SECCOMP_POD);
    }

    private static Set<String> keys(Map<String, String> map) {
        return map == null ? Set.of() : new TreeSet<>(map.keySet());
    }
}
