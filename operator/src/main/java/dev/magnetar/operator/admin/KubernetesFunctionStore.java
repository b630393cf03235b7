package dev.magnetar.operator.admin;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.controlplane.config.ControlPlaneFactory;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.store.FunctionStore;
import dev.magnetar.operator.config.KubernetesModeConfig;
import dev.magnetar.operator.reconciler.CleanupFinalizers;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In Kubernetes mode the API server is the store: the admin API (and so the CLI) reads and writes
 * Function resources, which the reconciler then acts on. Functions live in the client's namespace
 * (in a pod: the controller's own; {@code KUBERNETES_NAMESPACE} overrides it), one resource per
 * function named after it; its Pulsar tenant and namespace are in its spec. Reads go to the API
 * server, so a function is visible right after it was written.
 */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Replaces(value = FunctionStore.class, factory = ControlPlaneFactory.class)
public class KubernetesFunctionStore implements FunctionStore {
    private static final int MAX_WRITE_ATTEMPTS = 5;
    private final KubernetesClient client;
    private final String namespace;

    public KubernetesFunctionStore(KubernetesClient client) {
        this.client = client;
        this.namespace = FunctionNamespace.of(client);
    }

    @Override
    public Optional<Function> get(FunctionRef ref) {
        return Optional.ofNullable(resource(ref.name())).filter(function -> matches(function, ref));
    }

    @Override
    public List<Function> list(String tenant, String namespace) {
        return all().stream().filter(function -> tenant.equals(tenantOf(function)) && namespace.equals(namespaceOf(function)))
                .toList();
    }

    @Override
    public List<Function> all() {
        return client.resources(Function.class).inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(function -> function.getMetadata().getName())).toList();
    }

    /**
     * Creates or replaces the resource; refuses to replace a function of another tenant or namespace.
     * The cleanup finalizers are written with it: the reconciler would add them too, but a function
     * deleted before it did would leave its subscription or package topic behind; and a replace
     * must not drop the ones already there. The operator writes the resource too (its finalizers, and the
     * autoscaler's count): a write that meets a newer version (409) is made again on the version now stored.
     * While {@code autoscaling} is on, the stored {@code spec.replicas} is kept: the autoscaler alone owns it, and
     * a count sent with an update (as {@code --parallelism}) would only be undone at its next look.
     */
    @Override
    public void put(Function function) {
        for (int attempt = 1; ; attempt++) {
            try {
                replace(function);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void replace(Function function) {
        FunctionRef ref = FunctionRef.of(function);
        Function existing = resource(ref.name());
        if (existing != null && !matches(existing, ref)) {
            throw new IllegalStateException("function name '" + ref.name() + "' is taken in Kubernetes namespace "
                    + namespace + " by " + tenantOf(existing) + "/" + namespaceOf(existing) + "/" + ref.name()
                    + ": Function resources are named by function name only; pick another name");
        }
        Function resource = new Function();
        resource.setMetadata(new ObjectMetaBuilder().withName(ref.name()).withNamespace(namespace).build());
        resource.setSpec(function.getSpec());
        if (existing != null && function.getSpec().getAutoscaling() != null
                && existing.getSpec().getAutoscaling() != null) {
            resource.setSpec(Serialization.clone(function.getSpec()));
            resource.getSpec().setReplicas(existing.getSpec().getReplicas());
        }
        resource.getMetadata().setFinalizers(CleanupFinalizers.sync(
                existing == null ? List.of() : existing.getMetadata().getFinalizers(), resource));
        client.resource(resource).createOr(NonDeletingOperation::update);
    }

    @Override
    public boolean delete(FunctionRef ref) {
        if (get(ref).isEmpty()) {
            return false;
        }
        client.resources(Function.class).inNamespace(namespace).withName(ref.name()).delete();
        return true;
    }

    private Function resource(String name) {
        return client.resources(Function.class).inNamespace(namespace).withName(name).get();
    }

    private static boolean matches(Function function, FunctionRef ref) {
        return Objects.equals(ref.tenant(), tenantOf(function)) && Objects.equals(ref.namespace(), namespaceOf(function));
    }

    private static String tenantOf(Function function) {
        String tenant = function.getSpec() == null ? null : function.getSpec().getTenant();
        return tenant == null ? FunctionNames.DEFAULT_TENANT : tenant;
    }

    private static String namespaceOf(Function function) {
        String namespace = function.getSpec() == null ? null : function.getSpec().getNamespace();
        return namespace == null ? FunctionNames.DEFAULT_NAMESPACE : namespace;
    }
}
