package dev.magnetar.controlplane.security;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.apache.pulsar.common.policies.data.TenantInfo;

/**
 * Tenant admins and namespace/topic permissions as Pulsar holds them, read with the platform's own
 * credentials through the admin API and reused for a short time, so a caller's second request costs no
 * round trip. A failed read is not remembered: the next request asks again.
 */
final class PulsarPermissions {
    private static final int MAX_ENTRIES = 10_000;

    private final AsyncLoadingCache<String, Optional<Set<String>>> tenantAdmins;
    private final AsyncLoadingCache<String, Optional<Map<String, Set<AuthAction>>>> namespaceGrants;
    private final AsyncLoadingCache<String, Optional<Map<String, Set<AuthAction>>>> topicGrants;

    PulsarPermissions(PulsarAdmin admin, Duration ttl) {
        this.tenantAdmins = cache(ttl, tenant -> admin.tenants().getTenantInfoAsync(tenant)
                .thenApply(TenantInfo::getAdminRoles));
        this.namespaceGrants = cache(ttl, namespace -> admin.namespaces().getPermissionsAsync(namespace));
        this.topicGrants = cache(ttl, topic -> admin.topics().getPermissionsAsync(topic));
    }

    /** The tenant's admin roles; empty when the tenant does not exist. */
    CompletableFuture<Optional<Set<String>>> tenantAdmins(String tenant) {
        return tenantAdmins.get(tenant);
    }

    /** Roles granted actions on the namespace; empty when the namespace does not exist. */
    CompletableFuture<Optional<Map<String, Set<AuthAction>>>> namespaceGrants(String namespace) {
        return namespaceGrants.get(namespace);
    }

    /** Roles granted actions on the topic, its namespace's grants included, as Pulsar reports them. */
    CompletableFuture<Optional<Map<String, Set<AuthAction>>>> topicGrants(String topic) {
        return topicGrants.get(topic);
    }

    private static <V> AsyncLoadingCache<String, Optional<V>> cache(Duration ttl,
                                                                    Function<String, CompletableFuture<V>> read) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_ENTRIES)
                .buildAsync((key, executor) -> read.apply(key)
                        .thenApply(Optional::ofNullable)
                        .exceptionally(PulsarPermissions::emptyWhenMissing));
    }

    private static <V> Optional<V> emptyWhenMissing(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PulsarAdminException.NotFoundException) {
            return Optional.empty();
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
