package dev.magnetar.cli.standalone;

import dev.magnetar.cli.CliException;
import dev.magnetar.cli.config.ClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client configs {@code magnetar standalone --auth} writes so the CLI (and pulsar-admin) reach its control
 * plane with the superuser token: {@code <data>/client.conf} always, and the config the CLI reads by default
 * ({@code MAGNETAR_CLIENT_CONF}, else ~/.magnetar/client.conf) when there is none yet or it is one written
 * for the same token. A config of the user's own is never changed. Both name the token's file, not the token.
 *
 * @param dataConfig    {@code <data>/client.conf}
 * @param defaultConfig the default config
 * @param defaultWritten whether the default config now points here; when not, the user must name dataConfig
 */
record ClientConfigs(Path dataConfig, Path defaultConfig, boolean defaultWritten) {
    static final String FILE = "client.conf";

    static ClientConfigs write(Path dataDir, Path defaultConfig, String controlPlaneUrl, Path tokenFile) {
        Path dataConfig = dataDir.resolve(FILE);
        String comment = "magnetar standalone --auth: the control plane of " + dataDir + " and its superuser token";
        write(dataConfig, comment, controlPlaneUrl, tokenFile);
        boolean ours = !Files.exists(defaultConfig) || ClientConfig.authParamsFor(tokenFile).equals(
                authParamsOrNull(defaultConfig));
        if (ours) {
            write(defaultConfig, comment, controlPlaneUrl, tokenFile);
        }
        return new ClientConfigs(dataConfig, defaultConfig, ours);
    }

    private static void write(Path file, String comment, String url, Path tokenFile) {
        try {
            ClientConfig.write(file, comment, url, tokenFile);
        } catch (IOException e) {
            throw new CliException("--auth: cannot write the client config " + file + " (" + e + ")", e);
        }
    }

    /** A default config that cannot be read is the user's business: it is left as it is. */
    private static String authParamsOrNull(Path file) {
        try {
            return ClientConfig.authParams(file);
        } catch (CliException e) {
            return null;
        }
    }
}
