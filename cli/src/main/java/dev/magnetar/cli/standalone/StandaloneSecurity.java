package dev.magnetar.cli.standalone;

import java.util.List;
import java.util.Map;

/**
 * Where the control plane of {@code magnetar standalone} listens and who may use it, as the flags decide.
 *
 * @param listen         its address
 * @param authentication whether every request but health needs a token
 * @param superuserRoles the roles that may do everything (empty without authentication)
 * @param credentials    the key and superuser token standalone keeps under the data directory, or null when
 *                       authentication is off or uses a key of the user's
 * @param adminToken     a superuser token for what standalone itself does through the admin API (the samples),
 *                       or null when it has no key to sign one
 * @param properties     the control plane's configuration that says all this
 */
record StandaloneSecurity(ListenAddress listen, boolean authentication, List<String> superuserRoles,
                          StandaloneCredentials credentials, String adminToken, Map<String, Object> properties) {
    StandaloneSecurity {
        superuserRoles = List.copyOf(superuserRoles);
        properties = Map.copyOf(properties);
    }

    /** Reachable beyond this machine with no authentication: allowed only by {@code --insecure-no-auth}. */
    boolean insecure() {
        return !authentication && !listen.loopback();
    }
}
