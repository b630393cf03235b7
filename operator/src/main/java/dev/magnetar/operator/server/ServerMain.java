package dev.magnetar.operator.server;

import dev.magnetar.controlplane.ControlPlane;

/**
 * Entry point of {@code magnetar-controller.jar}, which the controller and gateway images run.
 * It picks the server logging configuration before anything logs (the CLI, which embeds the
 * control plane, has its own): INFO to stdout unless {@code -Dlogback.configurationFile} names another.
 */
public final class ServerMain {
    static final String LOGBACK_PROPERTY = "logback.configurationFile";
    static final String SERVER_LOGGING = "dev/magnetar/operator/logback-server.xml";

    private ServerMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, SERVER_LOGGING);
        }
        ControlPlane.main(args);
    }
}
