package dev.magnetar.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.operator.resources.ChildMetadata;
import dev.magnetar.operator.resources.Dependent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, updates or deletes one child so that it matches its desired form, writing nothing when it
 * already does. "Already does" is decided on the fields the controller owns: the desired object's
 * hash, kept in the {@value #HASH_ANNOTATION} annotation (server-side defaults never make it differ),
 * plus the dependent's drift check for fields others may change by hand (e.g. replicas).
 *
 * <p>Updates are PUTs carrying the observed resourceVersion: a concurrent change answers 409,
 * which the reconciler retries. Server-side apply was not used: the fabric8 CRUD mock server the
 * tests run against does not implement its field ownership.
 */
final class ChildApplier {
    static final String HASH_ANNOTATION = FunctionNames.ANNOTATION_DESIRED_HASH;
    private static final Logger LOG = LoggerFactory.getLogger(ChildApplier.class);
    private static final ObjectMapper MAPPER = Serialization.jsonMapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final KubernetesClient client;

    ChildApplier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes the function's {@code dependent} match what the spec wants: created, updated, or deleted when the
     * spec wants none.
     *
     * @return the object as stored after this call; empty when there is none
     */
    <T extends HasMetadata> Optional<T> apply(Dependent<T> dependent, Function function) {
        Optional<T> desired = dependent.desired(function);
        if (desired.isEmpty()) {
            deleteIfManaged(dependent.type(), function.getMetadata().getNamespace(),
                    FunctionNames.workloadName(function.getMetadata().getName()));
            return Optional.empty();
        }
        return Optional.of(apply(dependent, desired.get()));
    }

    private <T extends HasMetadata> T apply(Dependent<T> dependent, T desired) {
        Class<T> type = dependent.type();
        String hash = hash(desired);
        Map<String, String> annotations = new TreeMap<>();
        if (desired.getMetadata().getAnnotations() != null) {
            annotations.putAll(desired.getMetadata().getAnnotations());
        }
        annotations.put(HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);
        String namespace = desired.getMetadata().getNamespace();
        T observed = client.resources(type).inNamespace(namespace).withName(desired.getMetadata().getName()).get();
        if (observed == null) {
            LOG.info("Creating {} {}/{}", desired.getKind(), namespace, desired.getMetadata().getName());
            return client.resources(type).inNamespace(namespace).resource(desired).create();
        }
        String observedHash = observed.getMetadata().getAnnotations() == null ? null
                : observed.getMetadata().getAnnotations().get(HASH_ANNOTATION);
        if (hash.equals(observedHash) && !dependent.drifted(observed, desired)) {
            return observed;
        }
        dependent.carryOver(observed, desired);
        desired.getMetadata().setResourceVersion(observed.getMetadata().getResourceVersion());
        LOG.info("Updating {} {}/{}", desired.getKind(), namespace, desired.getMetadata().getName());
        return client.resources(type).inNamespace(namespace).resource(desired).update();
    }

    /** Deletes the child if it exists and was made by the controller; true when something was deleted. */
    <T extends HasMetadata> boolean deleteIfManaged(Class<T> type, String namespace, String name) {
        T observed = client.resources(type).inNamespace(namespace).withName(name).get();
        if (observed == null || observed.getMetadata().getLabels() == null
                || !ChildMetadata.MANAGER.equals(observed.getMetadata().getLabels().get(FunctionNames.LABEL_MANAGED_BY))) {
            return false;
        }
        LOG.info("Deleting {} {}/{}: no longer wanted", observed.getKind(), namespace, name);
        client.resources(type).inNamespace(namespace).withName(name).delete();
        return true;
    }

    static String hash(HasMetadata desired) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(desired);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + desired.getKind() + " " + desired.getMetadata().getName(), e);
        }
    }
}
