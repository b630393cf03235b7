package dev.magnetar.standalone.launcher;

import dev.magnetar.api.launch.BrokerReadyLine;
import dev.magnetar.api.layout.Installation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The command line of the broker JVM: {@code java [opts] -jar magnetar-broker.jar [options]}. */
final class BrokerCommand {
    /** Replaces the default JVM options (heap size) of the broker, e.g. {@code -Xmx2g}. */
    static final String JAVA_OPTS_ENV = "MAGNETAR_BROKER_JAVA_OPTS";
    static final List<String> DEFAULT_JAVA_OPTS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");
    /** Without these, the JDK's container metrics print two harmless IllegalAccessException traces. */
    static final List<String> ADD_OPENS = List.of(
            "--add-opens", "java.base/jdk.internal.platform=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED");

    private BrokerCommand() {
    }

    static List<String> of(BrokerOptions options, Path jar, String javaOpts) {
        List<String> command = new ArrayList<>();
        command.add(Installation.javaExecutable().toString());
        command.addAll(javaOpts(javaOpts));
        command.addAll(ADD_OPENS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(
                "--data-dir", options.dataDir().toAbsolutePath().toString(),
                "--bind-address", options.bindAddress(),
                "--broker-port", Integer.toString(options.brokerPort()),
                "--web-port", Integer.toString(options.webPort()),
                // The broker stops by itself when this JVM is gone, even after a SIGKILL.
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        if (options.tls() != null) {
            command.addAll(tls(options.tls()));
        }
        return command;
    }

    /** The TLS options; the key store's password goes into the broker's environment ({@link #environment}). */
    static List<String> tls(BrokerOptions.Tls tls) {
        return List.of("--tls-broker-port", Integer.toString(tls.brokerPort()),
                "--tls-web-port", Integer.toString(tls.webPort()),
                "--tls-key-store", tls.keyStore().toAbsolutePath().toString(),
                "--tls-key-store-type", tls.keyStoreType());
    }

    /** Variables added to the broker's environment: the secrets a command line must not show. */
    static Map<String, String> environment(BrokerOptions options) {
        return options.tls() == null ? Map.of()
                : Map.of(BrokerReadyLine.TLS_KEY_STORE_PASSWORD_ENV, options.tls().keyStorePassword());
    }

    static List<String> javaOpts(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JAVA_OPTS;
        }
        return Arrays.asList(configured.trim().split("\\s+"));
    }
}
