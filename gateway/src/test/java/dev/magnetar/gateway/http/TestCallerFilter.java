package dev.magnetar.gateway.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.security.Principal;

/**
 * Stands in for authentication where a gateway test needs callers told apart: the {@link #HEADER} names the
 * request's principal, as a verified token's role does in the control plane.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = TestCallerFilter.ENABLED, value = "true")
public class TestCallerFilter {
    public static final String ENABLED = "magnetar.test.caller-filter.enabled";
    public static final String HEADER = "X-Test-Caller";

    @RequestFilter
    public void identify(HttpRequest<?> request) {
        String caller = request.getHeaders().get(HEADER);
        if (caller != null) {
            Principal principal = () -> caller;
            request.setUserPrincipal(principal);
        }
    }
}
