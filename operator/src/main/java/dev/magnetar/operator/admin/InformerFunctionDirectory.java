package dev.magnetar.operator.admin;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.controlplane.service.StoreFunctionDirectory;
import dev.magnetar.gateway.http.FunctionDirectory;
import dev.magnetar.gateway.http.FunctionHealth;
import dev.magnetar.operator.config.KubernetesModeConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's view of functions in Kubernetes mode: an informer on the Function resources the
 * admin API writes, so a request is routed from memory, not by a call to the API server. A
 * resource whose spec is invalid is not routable.
 *
 * <p>Health stays {@link FunctionHealth#UNKNOWN} (never 503): the Function's {@code readyReplicas} of 0
 * also describes a first start or a rollout, and whether pods crash-loop is on the pods, which this
 * gateway does not watch. A call to a function whose pods all fail waits for its timeout ({@code 504}).
 */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Replaces(StoreFunctionDirectory.class)
public class InformerFunctionDirectory implements FunctionDirectory, AutoCloseable {
    private final SharedIndexInformer<Function> informer;
    private final String namespace;
    /** Validated and resolved once per resourceVersion, not on every request. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /** A function as the gateway routes to it; {@code function} is null when its spec is invalid. */
    private record Route(String resourceVersion, ResolvedFunction function) {
    }

    public InformerFunctionDirectory(KubernetesClient client, KubernetesModeConfig config) {
        this.namespace = FunctionNamespace.of(client);
        this.informer = client.resources(Function.class).inNamespace(namespace).inform(null, config.resyncPeriod().toMillis());
    }

    @Override
    public Optional<ResolvedFunction> find(String tenant, String pulsarNamespace, String name) {
        String key = namespace + "/" + name;
        Function function = informer.getStore().getByKey(key);
        if (function == null) {
            routes.remove(key);
            return Optional.empty();
        }
        String version = function.getMetadata().getResourceVersion();
        Route route = routes.get(key);
        if (route == null || !Objects.equals(route.resourceVersion(), version)) {
            route = new Route(version, FunctionValidator.validate(function).isEmpty() ? ResolvedFunction.of(function) : null);
            routes.put(key, route);
        }
        return Optional.ofNullable(route.function())
                .filter(resolved -> Objects.equals(tenant, resolved.tenant())
                        && Objects.equals(pulsarNamespace, resolved.namespace()));
    }

    /** True once the informer has listed the Function resources: until then every function would look unknown. */
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    @PreDestroy
    public void close() {
        informer.close();
    }
}
