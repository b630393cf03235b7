package dev.magnetar.operator.reconciler;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a Kubernetes Event on a Function when it runs into a problem or becomes ready, so
 * {@code kubectl describe mfn} shows what happened and when. Only on changes: a resync that
 * changes nothing records nothing. An Event that cannot be written is logged, never fails the
 * reconcile: events are a courtesy, the status is the record.
 */
public final class FunctionEvents {
    static final String SOURCE = FunctionNames.MANAGER;
    private static final Logger LOG = LoggerFactory.getLogger(FunctionEvents.class);
    private static final int MAX_MESSAGE = 1024;
    private static final Set<String> WAITING = Set.of(PartOutcome.PROGRESSING, PartOutcome.WAITING_FOR_TOPICS);

    private final KubernetesClient client;
    private final Clock clock;

    public FunctionEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void conditionsChanged(Function function, List<Condition> before, List<Condition> after) {
        for (Condition condition : after) {
            Condition previous = before == null ? null : before.stream()
                    .filter(c -> condition.getType().equals(c.getType())).findFirst().orElse(null);
            boolean changed = previous == null || !Objects.equals(previous.getStatus(), condition.getStatus())
                    || !Objects.equals(previous.getReason(), condition.getReason());
            if (changed && worthAnEvent(condition, after.size())) {
                record(function, condition);
            }
        }
    }

    /**
     * A problem (a part turning False for a reason other than waiting), or the function becoming
     * Ready. Not every part's progress: 1,000 new functions would otherwise write 5,000 Events. Ready
     * False repeats its first failing part's reason, so it has its own Event only when it is the one
     * condition (an invalid spec).
     */
    private static boolean worthAnEvent(Condition condition, int conditions) {
        boolean ready = PartOutcome.READY.equals(condition.getType());
        if ("True".equals(condition.getStatus())) {
            return ready;
        }
        return !WAITING.contains(condition.getReason()) && (!ready || conditions == 1);
    }

    private void record(Function function, Condition condition) {
        record(function, "True".equals(condition.getStatus()) ? "Normal" : "Warning", condition.getReason(),
                condition.getType() + ": " + condition.getMessage());
    }

    /** Records one Event on the function; {@code type} is {@code Normal} or {@code Warning}. */
    public void record(Function function, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).toString();
        String namespace = function.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(function.getMetadata().getName() + ".")
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(reference(function))
                .withType(type)
                .withReason(reason)
                .withMessage(truncate(message))
                .withNewSource().withComponent(SOURCE).endSource()
                .withReportingComponent(SOURCE)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record the event {} on Function {}/{} ({}): check the controller's RBAC allows creating events",
                    reason, namespace, function.getMetadata().getName(), e.getMessage());
        }
    }

    private static ObjectReference reference(HasMetadata function) {
        return new ObjectReferenceBuilder()
                .withApiVersion(function.getApiVersion())
                .withKind(function.getKind())
                .withName(function.getMetadata().getName())
                .withNamespace(function.getMetadata().getNamespace())
                .withUid(function.getMetadata().getUid())
                .withResourceVersion(function.getMetadata().getResourceVersion())
                .build();
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
