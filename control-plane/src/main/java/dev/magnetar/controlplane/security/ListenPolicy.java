package dev.magnetar.controlplane.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the control plane may listen where it is told to: beyond loopback only with authentication on,
 * unless {@code insecure-no-auth} says otherwise, which is warned about at every start.
 */
public final class ListenPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ListenPolicy.class);

    private ListenPolicy() {
    }

    /**
     * @param host the address the server binds, null or blank for every interface
     * @throws IllegalStateException when listening there without authentication is not allowed
     */
    public static void check(String host, AuthConfig auth) {
        if (auth.enabled() || isLoopback(host)) {
            return;
        }
        String where = host == null || host.isBlank() ? "every interface" : host;
        if (auth.insecureNoAuth()) {
            LOG.warn("Listening on {} WITHOUT AUTHENTICATION: anyone who can reach this port may deploy and run code"
                    + " here. Turn authentication on ({}.enabled=true with a token key, or magnetar standalone --auth).",
                    where, AuthConfig.PREFIX);
            return;
        }
        throw new IllegalStateException("refusing to listen on " + where + " without authentication: turn it on ("
                + AuthConfig.PREFIX + ".enabled=true and a token key, or magnetar standalone --auth), listen on"
                + " 127.0.0.1, or accept the risk with " + AuthConfig.PREFIX + ".insecure-no-auth=true"
                + " (--insecure-no-auth)");
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // the server will fail to bind and say so
        }
    }
}
