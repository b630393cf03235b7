package dev.magnetar.cli.standalone;

import dev.magnetar.cli.config.ClientConfig;
import dev.magnetar.cli.http.ControlPlaneHttp;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code magnetar standalone} prints once everything is up: where things are, and what to try first. */
final class Banner {
    private Banner() {
    }

    /** @param configs the client configs written for the superuser token, or null when none was */
    static void print(PrintWriter out, StandaloneStack stack, Path dataDir, boolean samples, StandaloneSecurity security,
                      ClientConfigs configs) {
        String url = stack.controlPlaneUrl();
        String adminFlag = sameAsDefault(url) || configs != null && configs.defaultWritten() ? "" : " --admin-url " + url;
        out.println();
        out.println("Magnetar standalone is running.");
        row(out, "Pulsar service URL", stack.pulsar().serviceUrl()
                + (stack.embeddedBroker() ? "  (embedded broker)" : "  (existing cluster)"));
        row(out, "Pulsar admin URL", stack.pulsar().adminUrl());
        row(out, "control plane", url + "  (admin API /magnetar/v1/functions and Pulsar's /admin/v3/functions, gateway /function/{tenant}/{namespace}/{name})");
        row(out, "data", dataDir.toString());
        row(out, "logs", dataDir.resolve("logs") + "  (control plane, replicas)"
                + (stack.embeddedBroker() ? ", " + stack.brokerLogDir() + "  (broker)" : ""));
        authentication(out, security, configs);
        out.println();
        out.println("Try this, in another terminal:");
        if (configs != null && !configs.defaultWritten()) {
            out.println("  export " + ClientConfig.PATH_ENV + "=" + configs.dataConfig());
        }
        if (samples) {
            out.println("  ./magnetar invoke exclamation --data hello" + adminFlag);
            out.println("  ./magnetar functions status --name exclamation" + adminFlag);
        } else {
            out.println("  ./magnetar functions create --name exclamation --jar samples/exclamation/target/exclamation.jar"
                    + " --classname dev.magnetar.samples.exclamation.ExclamationFunction"
                    + " --inputs exclamation-in --output exclamation-out" + adminFlag);
            out.println("  ./magnetar invoke exclamation --data hello" + adminFlag);
        }
        out.println();
        out.println("Press Ctrl-C to stop (replicas, control plane, then the broker).");
        out.flush();
    }

    /** Where the key, the token and the client configs are; never the token itself. */
    private static void authentication(PrintWriter out, StandaloneSecurity security, ClientConfigs configs) {
        if (!security.authentication()) {
            row(out, "authentication", security.insecure() ? "OFF, and the control plane listens on "
                    + security.listen().host() + " (--insecure-no-auth): anyone who reaches it may deploy and run code"
                    + " here" : "off (the control plane listens on " + security.listen().host() + " only; --auth turns it on)");
            return;
        }
        row(out, "authentication", "on: a token is required; superuser role(s) " + String.join(", ",
                security.superuserRoles()));
        StandaloneCredentials credentials = security.credentials();
        if (credentials == null) {
            row(out, "token key", "yours (--token-secret-key or --token-public-key): give the CLI a token in its"
                    + " client config (authParams)");
            return;
        }
        row(out, "secret key", credentials.secretKeyFile() + "  (HS256; magnetar tokens create --secret-key file://"
                + credentials.secretKeyFile() + " --subject <role>)");
        row(out, "superuser token", credentials.tokenFile() + "  (role " + security.superuserRoles().get(0) + ")");
        row(out, "client config", configs.dataConfig() + (configs.defaultWritten()
                ? ", " + configs.defaultConfig() + "  (the CLI's default)"
                : "  (" + configs.defaultConfig() + " is someone else's and was left as it is)"));
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-20s %s%n", label, value);
    }

    private static boolean sameAsDefault(String url) {
        return url.replace("127.0.0.1", "localhost").equals(ControlPlaneHttp.DEFAULT_URL);
    }
}
