package dev.magnetar.state.bookkeeper;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.apache.bookkeeper.clients.resolver.EndpointResolver;

/**
 * Where a table service's storage containers are reached. The table service of Magnetar's embedded broker listens on
 * loopback only, yet registers its containers under the machine's host address, which may be one it does not listen
 * on (a LAN address): when the service URL names a loopback address, every container is reached there. A table
 * service elsewhere (a cluster's bookies) is reached where each container is registered.
 */
final class LocalTableService {
    private LocalTableService() {
    }

    static EndpointResolver endpointResolver(String serviceUrl) {
        String host = loopbackHost(serviceUrl);
        return host == null ? EndpointResolver.identity()
                : endpoint -> endpoint.toBuilder().setHostname(host).build();
    }

    /** The host of a single-host service URL that names a loopback address, else null. */
    static String loopbackHost(String serviceUrl) {
        try {
            String host = URI.create(serviceUrl).getHost();
            return host != null && InetAddress.getByName(host).isLoopbackAddress() ? host : null;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }
}
