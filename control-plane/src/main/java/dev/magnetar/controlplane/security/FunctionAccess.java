package dev.magnetar.controlplane.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pulsar.common.policies.data.AuthAction;

/**
 * Pulsar's function-worker rules: superusers may do everything; managing functions of a namespace needs
 * an admin role of its tenant or the {@code functions} action on it (using its packages, the {@code packages}
 * action); calling a function needs the right to produce to its input topic. Only a superuser's request may create
 * a tenant or namespace that does not exist yet. When Pulsar cannot be asked the answer is 503, never an allowance.
 */
final class FunctionAccess {
    private final PulsarPermissions permissions;

    FunctionAccess(PulsarPermissions permissions) {
        this.permissions = permissions;
    }

    CompletableFuture<AccessDecision> manage(Caller caller, String tenant, String namespace) {
        return namespaceAction(caller, tenant, namespace, AuthAction.functions, "manage functions in");
    }

    /** Pulsar's packages of a namespace, as its brokers decide: the {@code packages} action instead of functions. */
    CompletableFuture<AccessDecision> packages(Caller caller, String tenant, String namespace) {
        return namespaceAction(caller, tenant, namespace, AuthAction.packages, "use the packages of");
    }

    private CompletableFuture<AccessDecision> namespaceAction(Caller caller, String tenant, String namespace,
                                                              AuthAction action, String doing) {
        if (caller.superuser()) {
            return CompletableFuture.completedFuture(AccessDecision.ALLOWED);
        }
        String ns = tenant + "/" + namespace;
        return permissions.tenantAdmins(tenant).thenCombine(permissions.namespaceGrants(ns), (admins, grants) -> {
            if (grants.isEmpty()) {
                return AccessDecision.forbidden("role '" + caller.role() + "' may not " + doing + " " + ns
                        + ": the namespace does not exist, and only a superuser's request creates tenants and"
                        + " namespaces; ask an administrator to create " + ns + " first");
            }
            if (isAdmin(caller, admins) || granted(caller, grants, action)) {
                return AccessDecision.ALLOWED;
            }
            return AccessDecision.forbidden("role '" + caller.role() + "' may not " + doing + " " + ns
                    + ": it needs to be a superuser, an admin of tenant '" + tenant + "', or granted the '" + action
                    + "' action on " + ns + " (pulsar-admin namespaces grant-permission --actions " + action + ")");
        }).exceptionally(error -> unavailable(error, doing + " " + ns));
    }

    /**
     * @param topic the function's input topic, or null when there is none to look at (an unknown function, or
     *              one reading a pattern): then the namespace's grants decide
     */
    CompletableFuture<AccessDecision> produce(Caller caller, String tenant, String namespace, String fqfn, String topic) {
        if (caller.superuser()) {
            return CompletableFuture.completedFuture(AccessDecision.ALLOWED);
        }
        String target = topic == null ? "namespace " + tenant + "/" + namespace : "its input topic " + topic;
        var grants = topic == null ? permissions.namespaceGrants(tenant + "/" + namespace) : permissions.topicGrants(topic);
        return permissions.tenantAdmins(tenant).thenCombine(grants, (admins, granted) -> {
            if (isAdmin(caller, admins) || granted(caller, granted, AuthAction.produce)) {
                return AccessDecision.ALLOWED;
            }
            return AccessDecision.forbidden("role '" + caller.role() + "' may not call function " + fqfn
                    + ": calling it publishes to " + target + ", which needs the 'produce' action granted on the"
                    + " topic or its namespace, or an admin role of tenant '" + tenant + "'");
        }).exceptionally(error -> unavailable(error, "call function " + fqfn));
    }

    private static boolean isAdmin(Caller caller, Optional<Set<String>> admins) {
        return admins.map(roles -> roles.contains(caller.role())).orElse(false);
    }

    private static boolean granted(Caller caller, Optional<Map<String, Set<AuthAction>>> grants, AuthAction action) {
        return grants.map(byRole -> byRole.getOrDefault(caller.role(), Set.of()).contains(action)).orElse(false);
    }

    private static AccessDecision unavailable(Throwable error, String action) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return AccessDecision.unavailable("cannot check whether the caller may " + action + ": Pulsar's admin API did"
                + " not answer (" + cause.getClass().getSimpleName() + "); try again shortly");
    }
}
