package dev.magnetar.api.state;

import java.util.ServiceLoader;

/** Finds the {@link StateBackend} for a state storage service URL among the providers a class loader sees. */
public final class StateBackends {

    private StateBackends() {
    }

    /** The backend for {@code serviceUrl}; fails naming the URL when no provider serves it. */
    public static StateBackend create(String serviceUrl, ClassLoader loader) {
        for (StateBackendProvider provider : ServiceLoader.load(StateBackendProvider.class, loader)) {
            if (provider.supports(serviceUrl)) {
                return provider.create(serviceUrl);
            }
        }
        throw new StateException("no state storage serves '" + serviceUrl + "': give a bk://host:port URL of"
                + " BookKeeper's table service");
    }
}
