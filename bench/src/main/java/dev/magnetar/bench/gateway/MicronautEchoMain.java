package dev.magnetar.bench.gateway;

import io.micronaut.runtime.Micronaut;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP-ALONE baseline's process: a Micronaut application (the Netty HTTP server and Micronaut version the
 * control plane runs, configured like it) whose only route is {@link EchoController} — HTTP with nothing behind it. Run as its own JVM
 * on {@link #classPath}: {@code MicronautEchoMain <port>}; prints ECHO_READY when listening.
 */
public final class MicronautEchoMain {
    static final String READY = "ECHO_READY";
    static final String PATH = "/echo";

    private MicronautEchoMain() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).deduceEnvironment(false).banner(false).properties(properties(Integer.parseInt(args[0])))
                .start();
        System.out.println(READY);
    }

    /**
     * The control plane's HTTP server settings that touch every request (its application.yml: management endpoints
     * off but health, no HTTP server metrics), so HTTP-ALONE pays for the same filters the gateway's route does.
     */
    static Map<String, Object> properties(int port) {
        return Map.of("micronaut.server.port", port,
                "micronaut.server.host", "127.0.0.1",
                "micronaut.metrics.binders.web.enabled", false,
                "endpoints.all.enabled", false,
                "endpoints.health.enabled", true,
                EchoController.ENABLED, true);
    }

    /**
     * The bench's class path without the Magnetar modules (the bench's own jar stays): Micronaut finds its beans
     * on the class path, and the control plane's and the gateway's must not start in the echo process.
     */
    static String classPath(String benchClassPath) {
        return Arrays.stream(benchClassPath.split(File.pathSeparator))
                .filter(entry -> !isMagnetarModule(Path.of(entry).getFileName().toString()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isMagnetarModule(String fileName) {
        return fileName.startsWith("magnetar-") && !fileName.startsWith("magnetar-bench");
    }
}
