package dev.magnetar.api.launch;

import java.util.List;

/**
 * How a replica is started and says it is ready, shared by everything that launches the runtime
 * (standalone's child JVMs, the operator's pods) and by the runtime itself.
 */
public final class RuntimeLaunch {
    /** Variables with this prefix are the runtime's own settings: a launcher passes only those it means. */
    public static final String ENVIRONMENT_PREFIX = "MAGNETAR_";
    public static final int DEFAULT_HTTP_PORT = 9090;
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 20_000;
    /** Printed on standard output once the replica consumes: {@code MAGNETAR_RUNTIME_READY instanceId=N httpPort=P}. */
    public static final String READY = "MAGNETAR_RUNTIME_READY";
    /**
     * Printed on standard output by a JVM of standalone's warm pool ({@link Option#ASSIGNMENT}) once it is warm and
     * waits for its function: {@code MAGNETAR_RUNTIME_WAITING}. Not a ready line: it serves nothing yet.
     */
    public static final String WAITING = "MAGNETAR_RUNTIME_WAITING";
    private static final String HTTP_PORT_KEY = "httpPort=";

    private RuntimeLaunch() {
    }

    /** Each setting as a command-line option, or as an environment variable (the form a Kubernetes pod uses). */
    public enum Option {
        FUNCTION_FILE("--function-file", "MAGNETAR_FUNCTION_FILE"),
        FUNCTION_JSON("--function-json", "MAGNETAR_FUNCTION"),
        PULSAR_URL("--pulsar-url", "MAGNETAR_PULSAR_URL"),
        PULSAR_AUTH_TOKEN("--pulsar-auth-token", "MAGNETAR_PULSAR_AUTH_TOKEN"),
        /**
         * The cluster's admin (HTTP) URL, like Pulsar's {@code --web-service-url}: what {@code Context.getPulsarAdmin()}
         * connects to, with the function's own token. Unset: the function gets no admin client.
         */
        PULSAR_ADMIN_URL("--pulsar-admin-url", "MAGNETAR_PULSAR_ADMIN_URL"),
        /** The broker's certificate on {@code pulsar+ssl://}: see {@link PulsarTrust}. */
        PULSAR_TLS_TRUST_CERTS_FILE("--pulsar-tls-trust-certs-file", "MAGNETAR_PULSAR_TLS_TRUST_CERTS_FILE"),
        PULSAR_TLS_TRUST_STORE("--pulsar-tls-trust-store", "MAGNETAR_PULSAR_TLS_TRUST_STORE"),
        PULSAR_TLS_TRUST_STORE_TYPE("--pulsar-tls-trust-store-type", "MAGNETAR_PULSAR_TLS_TRUST_STORE_TYPE"),
        /** Passed in the environment only, like every secret. */
        PULSAR_TLS_TRUST_STORE_PASSWORD("--pulsar-tls-trust-store-password", "MAGNETAR_PULSAR_TLS_TRUST_STORE_PASSWORD"),
        PULSAR_TLS_HOSTNAME_VERIFICATION("--pulsar-tls-hostname-verification", "MAGNETAR_PULSAR_TLS_HOSTNAME_VERIFICATION"),
        PULSAR_TLS_ALLOW_INSECURE_CONNECTION("--pulsar-tls-allow-insecure-connection",
                "MAGNETAR_PULSAR_TLS_ALLOW_INSECURE_CONNECTION"),
        INSTANCE_ID("--instance-id", "MAGNETAR_INSTANCE_ID"),
        INSTANCE_NAME("--instance-name", "MAGNETAR_INSTANCE_NAME"),
        HTTP_PORT("--http-port", "MAGNETAR_HTTP_PORT"),
        /** The address the HTTP port listens on; every interface when unset (a pod's). */
        HTTP_HOST("--http-host", "MAGNETAR_HTTP_HOST"),
        /**
         * Bearer token the replica's status and invoke routes require; its probes and metrics stay open. Passed in
         * the environment only: a command line is visible to every local user.
         */
        HTTP_ACCESS_TOKEN("--http-access-token", "MAGNETAR_HTTP_ACCESS_TOKEN"),
        DRAIN_TIMEOUT_MS("--drain-timeout-ms", "MAGNETAR_DRAIN_TIMEOUT_MS"),
        /** The replica stops when this process dies, even by SIGKILL: no orphan keeps consuming. */
        PARENT_PID("--parent-pid", "MAGNETAR_PARENT_PID"),
        /**
         * The SHA-256 (hex) the function's jar had when the control plane accepted it: a replica whose jar has
         * another digest does not load it.
         */
        PACKAGE_SHA256("--package-sha256", "MAGNETAR_PACKAGE_SHA256"),
        /**
         * {@code bk://host:port} of BookKeeper's table service, where the function's state lives (Pulsar's
         * {@code stateStorageServiceUrl}). Without it, state calls fail naming this setting.
         */
        STATE_STORAGE_URL("--state-storage-url", "MAGNETAR_STATE_STORAGE_URL"),
        /**
         * Why there is no state storage, when the launcher knows (standalone's broker runs without one): state calls
         * fail with this text instead of naming {@link #STATE_STORAGE_URL}.
         */
        STATE_STORAGE_UNAVAILABLE("--state-storage-unavailable", "MAGNETAR_STATE_STORAGE_UNAVAILABLE"),
        /**
         * {@value RuntimeAssignment#STDIN}: a generic JVM of standalone's warm pool. It starts with no function,
         * warms up, prints {@link #WAITING}, then reads its function's settings as one line from standard input
         * ({@link RuntimeAssignment}): a running JVM's environment cannot be given them any more.
         */
        ASSIGNMENT("--assignment", "MAGNETAR_ASSIGNMENT");

        private final String flag;
        private final String variable;

        Option(String flag, String variable) {
            this.flag = flag;
            this.variable = variable;
        }

        public String flag() {
            return flag;
        }

        public String variable() {
            return variable;
        }

        /** {@code flag value}, as two command-line arguments. */
        public List<String> with(String value) {
            return List.of(flag, value);
        }
    }

    public static String readyLine(int instanceId, int httpPort) {
        return READY + " instanceId=" + instanceId + " " + HTTP_PORT_KEY + httpPort;
    }

    public static boolean isReadyLine(String line) {
        return line.startsWith(READY);
    }

    public static boolean isWaitingLine(String line) {
        return line.startsWith(WAITING);
    }

    /** The HTTP port a ready line announces; -1 when it names none. */
    public static int httpPort(String readyLine) {
        for (String part : readyLine.trim().split("\\s+")) {
            if (part.startsWith(HTTP_PORT_KEY)) {
                try {
                    return Integer.parseInt(part.substring(HTTP_PORT_KEY.length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
