package dev.magnetar.controlplane.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** A route that declares no access rule, as a route added by mistake would: it must be refused. */
@Controller("/unruled")
@Requires(property = UnruledController.ENABLED, value = "true")
class UnruledController {
    static final String ENABLED = "magnetar.test.unruled-route";

    @Get("/{tenant}/{namespace}")
    String answer(String tenant, String namespace) {
        return "ran for " + tenant + "/" + namespace;
    }
}
