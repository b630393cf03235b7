package dev.magnetar.state.bookkeeper;

import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackendProvider;

/** Serves {@code bk://host:port} URLs: BookKeeper's table service. */
public final class BookKeeperStateProvider implements StateBackendProvider {
    static final String SCHEME = "bk://";

    @Override
    public boolean supports(String serviceUrl) {
        return serviceUrl != null && serviceUrl.startsWith(SCHEME);
    }

    @Override
    public StateBackend create(String serviceUrl) {
        return new BookKeeperStateBackend(serviceUrl);
    }
}
