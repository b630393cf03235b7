package dev.magnetar.cli.functions;

import dev.magnetar.cli.config.ClientConfig;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.ControlPlaneHttp;
import dev.magnetar.cli.http.PulsarFunctionsClient;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --admin-url} and {@code --config}: where the control plane is and how to authenticate.
 * The URL comes from the flag, else {@code MAGNETAR_ADMIN_URL}, else the client config, else the default.
 */
public final class AdminOptions {
    /** The environment; tests replace it. */
    static Map<String, String> environment = System.getenv();

    @Option(names = "--admin-url", paramLabel = "URL",
            description = "Control plane URL (admin API and gateway). Default: env " + ControlPlaneHttp.URL_ENV
                    + ", else webServiceUrl of the client config, else " + ControlPlaneHttp.DEFAULT_URL)
    String adminUrl;

    @Option(names = "--config", paramLabel = "PATH",
            description = "Client config (properties: webServiceUrl, authParams=token:<jwt>|file:/path)."
                    + " Default: env " + ClientConfig.PATH_ENV + ", else ~/.magnetar/client.conf")
    Path config;

    public ControlPlaneHttp http() {
        ClientConfig client = ClientConfig.resolve(config, environment);
        return new ControlPlaneHttp(url(client), client.token());
    }

    private String url(ClientConfig client) {
        if (adminUrl != null) {
            return adminUrl;
        }
        String fromEnv = environment.get(ControlPlaneHttp.URL_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return client.webServiceUrl() != null ? client.webServiceUrl() : ControlPlaneHttp.DEFAULT_URL;
    }

    public AdminClient admin() {
        return new AdminClient(http());
    }

    /** The verbs of Pulsar's Functions API that Magnetar's own API does not have (trigger, start, stop, ...). */
    public PulsarFunctionsClient pulsar() {
        return new PulsarFunctionsClient(http());
    }
}
