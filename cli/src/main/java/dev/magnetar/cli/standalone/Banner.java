package dev.magnetar.cli.standalone;

import dev.magnetar.cli.http.ControlPlaneHttp;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code magnetar standalone} prints once everything is up: where things are, and what to try first. */
final class Banner {
    private Banner() {
    }

    static void print(PrintWriter out, StandaloneStack stack, Path dataDir, boolean samples) {
        String url = stack.controlPlaneUrl();
        String adminFlag = sameAsDefault(url) ? "" : " --admin-url " + url;
        out.println();
        out.println("Magnetar standalone is running.");
        row(out, "Pulsar service URL", stack.pulsar().serviceUrl()
                + (stack.embeddedBroker() ? "  (embedded broker)" : "  (existing cluster)"));
        row(out, "Pulsar admin URL", stack.pulsar().adminUrl());
        row(out, "control plane", url + "  (admin API /magnetar/v1/functions and Pulsar's /admin/v3/functions, gateway /function/{tenant}/{namespace}/{name})");
        row(out, "data", dataDir.toString());
        row(out, "logs", dataDir.resolve("logs") + "  (control plane, replicas)"
                + (stack.embeddedBroker() ? ", " + stack.brokerLogDir() + "  (broker)" : ""));
        out.println();
        out.println("Try this, in another terminal:");
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

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-20s %s%n", label, value);
    }

    private static boolean sameAsDefault(String url) {
        return url.replace("127.0.0.1", "localhost").equals(ControlPlaneHttp.DEFAULT_URL);
    }
}
