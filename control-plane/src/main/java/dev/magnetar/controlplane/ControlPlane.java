package dev.magnetar.controlplane;

import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.bridge.pulsar.PulsarConfig;
import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.controlplane.security.AuthConfig;
import dev.magnetar.controlplane.security.ListenPolicy;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.gateway.http.GatewayConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane: admin API, gateway and local replicas (standalone) or the reconciler
 * (Kubernetes mode) in one Micronaut application; {@code magnetar.controller.enabled=false} or
 * {@code magnetar.gateway.enabled=false} leaves a part out, which is how the chart runs the gateway
 * and the controller as separate Deployments of the same image. {@link #start} returns once the server listens and every stored function was
 * deployed (replicas are started, not necessarily ready yet).
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    /** Serve HTTPS with Micronaut's {@code micronaut.server.ssl.*} key store settings. */
    public static final String TLS_ENABLED_PROPERTY = "micronaut.server.ssl.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ControlPlane(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    public static ControlPlane start(ControlPlaneOptions options) {
        return start(options, Map.of());
    }

    /**
     * Starts with extra configuration, e.g. {@code magnetar.gateway.max-pending} or
     * {@code magnetar.replicas.jvm-options}; the options win over the same keys in {@code extra}.
     */
    public static ControlPlane start(ControlPlaneOptions options, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        // Micronaut reads -1 as "any free port". With TLS on, the port serves HTTPS.
        int port = options.port() == 0 ? -1 : options.port();
        properties.put("micronaut.server.port", port);
        if (Boolean.parseBoolean(String.valueOf(extra.get(TLS_ENABLED_PROPERTY)))) {
            properties.put("micronaut.server.ssl.port", port);
        }
        properties.put("magnetar.data-dir", options.dataDir().toAbsolutePath().toString());
        properties.putAll(PulsarConfig.properties(options.pulsar()));
        ApplicationContext context;
        try {
            context = startContext(properties);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the control plane on port " + options.port() + ": "
                    + message(rootCause(e)) + (portTaken(e) ? "; the port is taken: pick another one (0 = any free port)"
                    : ""), e);
        }
        return boot(context);
    }

    /** Runs the control plane alone, configured by application.yml, system properties and environment. */
    public static void main(String[] args) {
        ControlPlane plane = boot(startContext(Map.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "magnetar-control-plane-shutdown"));
    }

    /**
     * Starts the context and its HTTP server without Micronaut's own shutdown hook: the owner
     * closes the control plane, and two hooks taking Micronaut's locks in opposite order deadlock.
     */
    private static ApplicationContext startContext(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder(ControlPlane.class)
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start();
        try {
            ListenPolicy.check(context.getProperty("micronaut.server.host", String.class).orElse(null),
                    context.getBean(AuthConfig.class));
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static ControlPlane boot(ApplicationContext context) {
        try {
            ControlPlane plane = new ControlPlane(context);
            boolean controller = enabled(context, ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY);
            boolean gateway = enabled(context, GatewayConfig.ENABLED_PROPERTY);
            if (controller) {
                context.getBean(FunctionService.class).deployAll();
            }
            LOG.info("Magnetar {} listening on {} ({})", controller ? "control plane" : "gateway", plane.url(),
                    String.join(", ", servedParts(controller, gateway)));
            return plane;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static boolean enabled(ApplicationContext context, String property) {
        return context.getProperty(property, Boolean.class).orElse(true);
    }

    private static List<String> servedParts(boolean controller, boolean gateway) {
        List<String> parts = new ArrayList<>();
        if (controller) {
            parts.add("admin API under /magnetar/v1/functions");
            parts.add("Pulsar Functions API under /admin/v3/functions");
            parts.add("the cluster's packages under /admin/v3/packages");
        }
        if (gateway) {
            parts.add("gateway under /function, /async-function and /calls");
        }
        parts.add("health under /health");
        return parts;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The other reasons (a Pulsar setting, say) are not about the port, so the hint would mislead. */
    private static boolean portTaken(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    public int port() {
        return server.getPort();
    }

    /** Where a client on this machine reaches the server: its bound address, or loopback when it listens everywhere. */
    public String url() {
        String host = context.getProperty("micronaut.server.host", String.class).orElse("");
        boolean everywhere = host.isBlank() || host.equals("0.0.0.0") || host.equals("::");
        String reachable = everywhere ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return server.getScheme() + "://" + reachable + ":" + port();
    }

    public ApplicationContext context() {
        return context;
    }

    /** Stops taking requests, stops every replica, then closes the application. Idempotent. */
    @Override
    public synchronized void close() {
        if (!context.isRunning()) {
            return;
        }
        try {
            if (server.isRunning()) {
                server.stop();
            }
            context.findBean(FunctionReplicas.class).ifPresent(FunctionReplicas::close);
        } finally {
            context.close();
        }
    }
}
