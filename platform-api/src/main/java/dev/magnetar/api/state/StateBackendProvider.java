package dev.magnetar.api.state;

/**
 * Makes {@link StateBackend}s for the service URLs of one kind ({@code bk://} for BookKeeper's table service). Listed
 * in {@code META-INF/services/dev.magnetar.api.state.StateBackendProvider} of the jar that implements it.
 */
public interface StateBackendProvider {

    /** True when this provider serves {@code serviceUrl}. */
    boolean supports(String serviceUrl);

    /** A backend for {@code serviceUrl}; it connects on first use, not here. */
    StateBackend create(String serviceUrl);
}
