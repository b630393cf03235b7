package dev.magnetar.cli.functions;

import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.ControlPlaneHttp;
import dev.magnetar.cli.http.PulsarFunctionsClient;
import picocli.CommandLine.Option;

/** {@code --admin-url}: where the control plane is; the environment variable saves typing it. */
public final class AdminOptions {
    @Option(names = "--admin-url", paramLabel = "URL",
            defaultValue = "${env:" + ControlPlaneHttp.URL_ENV + ":-" + ControlPlaneHttp.DEFAULT_URL + "}",
            description = "Control plane URL (admin API and gateway). Default: ${DEFAULT-VALUE}"
                    + " (env " + ControlPlaneHttp.URL_ENV + ")")
    String adminUrl;

    public ControlPlaneHttp http() {
        return new ControlPlaneHttp(adminUrl);
    }

    public AdminClient admin() {
        return new AdminClient(http());
    }

    /** The verbs of Pulsar's Functions API that Magnetar's own API does not have (trigger, start, stop, ...). */
    public PulsarFunctionsClient pulsar() {
        return new PulsarFunctionsClient(http());
    }
}
