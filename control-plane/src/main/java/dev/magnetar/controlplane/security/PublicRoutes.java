package dev.magnetar.controlplane.security;

/** The routes that answer without a token: the health probes kubelet and load balancers call. */
final class PublicRoutes {
    private static final String HEALTH = "/health";

    private PublicRoutes() {
    }

    static boolean isPublic(String path) {
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }
}
