package dev.magnetar.controlplane.security;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.gateway.async.AsyncCalls;
import dev.magnetar.gateway.http.CallingEventLoop;
import dev.magnetar.gateway.http.FunctionDirectory;
import dev.magnetar.security.access.Access;
import dev.magnetar.security.access.AccessRule;
import dev.magnetar.security.token.BearerToken;
import dev.magnetar.security.token.InvalidTokenException;
import dev.magnetar.security.token.TokenVerifier;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * With authentication on, every request but the health probes needs a bearer token that verifies; then the
 * matched route's {@link Access} rule decides, before the route runs, so a refused request publishes,
 * creates and changes nothing. A route without a rule is refused.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = AuthConfig.ENABLED_PROPERTY, value = "true")
public class AccessFilter implements Ordered {
    private final AuthConfig config;
    private final TokenVerifier verifier;
    private final FunctionAccess access;
    private final BeanProvider<FunctionDirectory> directory;
    private final BeanProvider<AsyncCalls> asyncCalls;

    AccessFilter(AuthConfig config, TokenVerifier verifier, FunctionAccess access,
                 BeanProvider<FunctionDirectory> directory, BeanProvider<AsyncCalls> asyncCalls) {
        this.config = config;
        this.verifier = verifier;
        this.access = access;
        this.directory = directory;
        this.asyncCalls = asyncCalls;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    /** Goes on by handing back the request; stops by failing with the answer ({@link AccessRefusedException}). */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> check(HttpRequest<?> request) {
        if (PublicRoutes.isPublic(request.getPath())) {
            return CompletableFuture.completedFuture(request);
        }
        Caller caller;
        try {
            caller = authenticate(request.getHeaders().getAuthorization().orElse(null));
        } catch (InvalidTokenException e) {
            return CompletableFuture.failedFuture(new AccessRefusedException(AccessResponses.unauthorized(e.getMessage())));
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        request.setUserPrincipal(caller);
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return CompletableFuture.completedFuture(request); // nothing runs: the server answers 404 or 405
        }
        AccessRule rule = route.get().getAnnotationMetadata().enumValue(Access.class, AccessRule.class).orElse(null);
        CompletableFuture<AccessDecision> decision = decide(rule, caller, route.get().getVariableValues(), request);
        if (decision.isDone()) {
            return decision.thenCompose(allowed -> proceedIf(allowed, request));
        }
        // Pulsar answered on its own thread: the request goes on where it was read, on its event loop.
        return decision.thenComposeAsync(allowed -> proceedIf(allowed, request), CallingEventLoop.current());
    }

    private static CompletableFuture<HttpRequest<?>> proceedIf(AccessDecision decision, HttpRequest<?> request) {
        return decision.allowed() ? CompletableFuture.completedFuture(request)
                : CompletableFuture.failedFuture(new AccessRefusedException(AccessResponses.refused(decision)));
    }

    private Caller authenticate(String authorization) throws InvalidTokenException {
        String role = verifier.verify(BearerToken.from(authorization)).role();
        return new Caller(role, config.isSuperuser(role));
    }

    private CompletableFuture<AccessDecision> decide(AccessRule rule, Caller caller, Map<String, Object> variables,
                                                     HttpRequest<?> request) {
        if (rule == null) {
            return CompletableFuture.completedFuture(AccessDecision.forbidden("role '" + caller.role() + "' may not "
                    + request.getMethodName() + " " + request.getPath() + ": the route declares no access rule, so"
                    + " nobody may call it"));
        }
        String tenant = String.valueOf(variables.get("tenant"));
        String namespace = String.valueOf(variables.get("namespace"));
        return switch (rule) {
            case SUPERUSER -> CompletableFuture.completedFuture(caller.superuser() ? AccessDecision.ALLOWED
                    : AccessDecision.forbidden("role '" + caller.role() + "' may not " + request.getMethodName() + " "
                    + request.getPath() + ": only superuser roles may"));
            case NAMESPACE_FUNCTIONS -> access.manage(caller, tenant, namespace);
            case NAMESPACE_PACKAGES -> access.packages(caller, tenant, namespace);
            case FUNCTION_INPUT_PRODUCE -> {
                String name = String.valueOf(variables.get("name"));
                yield access.produce(caller, tenant, namespace, FunctionNames.fqfn(tenant, namespace, name),
                        inputTopic(tenant, namespace, name));
            }
            case CALLED_FUNCTION_INPUT_PRODUCE -> calledFunction(caller, String.valueOf(variables.get("id")));
        };
    }

    /** The right to call the function an asynchronous call called; an unknown call is left to the route's 404. */
    private CompletableFuture<AccessDecision> calledFunction(Caller caller, String callId) {
        if (caller.superuser() || !asyncCalls.isPresent()) {
            return CompletableFuture.completedFuture(AccessDecision.ALLOWED);
        }
        return asyncCalls.get().find(callId)
                .exceptionally(error -> null)
                .thenCompose(call -> {
                    if (call == null) {
                        return CompletableFuture.completedFuture(AccessDecision.unavailable("cannot look up call '"
                                + callId + "' to check who may read it: Pulsar did not answer; try again shortly"));
                    }
                    if (call.isEmpty()) {
                        return CompletableFuture.completedFuture(AccessDecision.ALLOWED);
                    }
                    var found = call.get();
                    return access.produce(caller, found.tenant(), found.namespace(), found.fqfn(),
                            inputTopic(found.tenant(), found.namespace(), found.name()));
                });
    }

    private String inputTopic(String tenant, String namespace, String name) {
        if (!directory.isPresent()) {
            return null;
        }
        return directory.get().find(tenant, namespace, name)
                .flatMap(ResolvedFunction::requestTopic)
                .orElse(null);
    }
}
