package dev.magnetar.security.access;

/** The rules a route can declare with {@link Access}, after Pulsar's function worker. */
public enum AccessRule {
    /**
     * Managing or reading functions of the route's {@code {tenant}/{namespace}}: a superuser, an admin role
     * of the tenant, or a role granted the {@code functions} action on the namespace.
     */
    NAMESPACE_FUNCTIONS,
    /**
     * Calling the function {@code {tenant}/{namespace}/{name}}: the right to produce to its input topic,
     * which the caller would need to publish there directly.
     */
    FUNCTION_INPUT_PRODUCE,
    /**
     * Reading the outcome of the asynchronous call {@code {id}}: the same right as calling the function it called,
     * which is kept with the call. An id nobody keeps is left to the route, which answers that it is unknown.
     */
    CALLED_FUNCTION_INPUT_PRODUCE,
    /**
     * Pulsar's packages of the route's {@code {tenant}/{namespace}}: a superuser, an admin role of the tenant, or a
     * role granted the {@code packages} action on the namespace, as Pulsar's brokers decide.
     */
    NAMESPACE_PACKAGES,
    /** Superuser roles only. */
    SUPERUSER
}
