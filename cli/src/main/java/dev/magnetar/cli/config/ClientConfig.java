package dev.magnetar.cli.config;

import dev.magnetar.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * pulsar-admin's {@code client.conf} for Magnetar: a Java properties file with {@code webServiceUrl}
 * (the control plane URL) and {@code authParams} ({@code token:<jwt>} or {@code file:/path}).
 */
public record ClientConfig(String webServiceUrl, String token) {
    public static final String PATH_ENV = "MAGNETAR_CLIENT_CONF";
    public static final String URL_KEY = "webServiceUrl";
    public static final String AUTH_KEY = "authParams";
    private static final ClientConfig EMPTY = new ClientConfig(null, null);

    /** The config named by {@code --config}, else by the environment, else ~/.magnetar/client.conf if it exists. */
    public static ClientConfig resolve(Path flag, Map<String, String> env) {
        if (flag != null) {
            return read(flag);
        }
        Path fallback = defaultPath(env);
        boolean named = env.get(PATH_ENV) != null && !env.get(PATH_ENV).isBlank();
        // A file the environment names must exist; the one in the home directory is optional.
        return named || Files.isRegularFile(fallback) ? read(fallback) : EMPTY;
    }

    /** The config the CLI reads when {@code --config} is not given: the environment's, else ~/.magnetar/client.conf. */
    public static Path defaultPath(Map<String, String> env) {
        String fromEnv = env.get(PATH_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".magnetar", "client.conf");
    }

    /** Reads one file; every problem is one sentence naming the file and the key. */
    public static ClientConfig read(Path file) {
        Properties properties = load(file);
        String url = blankToNull(properties.getProperty(URL_KEY));
        String auth = blankToNull(properties.getProperty(AUTH_KEY));
        return new ClientConfig(url, auth == null ? null : token(file, auth));
    }

    /** The {@code authParams} of a config file as written, without reading the token it names; null when unset. */
    public static String authParams(Path file) {
        return blankToNull(load(file).getProperty(AUTH_KEY));
    }

    /** The {@code authParams} value that makes the CLI (and pulsar-admin) read the token from this file. */
    public static String authParamsFor(Path tokenFile) {
        return "file://" + tokenFile.toAbsolutePath();
    }

    /**
     * Writes a config that points at a control plane and the file holding its token, owner-only.
     *
     * @param comment one line saying what wrote the file and for what
     */
    public static void write(Path file, String comment, String webServiceUrl, Path tokenFile) throws IOException {
        String text = "# " + comment + System.lineSeparator()
                + URL_KEY + "=" + escape(webServiceUrl) + System.lineSeparator()
                + AUTH_KEY + "=" + escape(authParamsFor(tokenFile)) + System.lineSeparator();
        PrivateFiles.write(file, text);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CliException("client config " + file + " not found (from --config or " + PATH_ENV + ")", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("client config " + file + " is not a valid properties file: " + e.getMessage(), e);
        }
        return properties;
    }

    /** A properties value: only the backslash needs escaping in the values written here. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static String token(Path file, String authParams) {
        if (authParams.startsWith("token:")) {
            return authParams.substring("token:".length()).strip();
        }
        if (authParams.startsWith("file:")) {
            Path tokenFile = Path.of(authParams.substring("file:".length()).replaceFirst("^//", ""));
            try {
                return Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new CliException("client config " + file + ": " + AUTH_KEY + " names token file " + tokenFile
                        + ", which cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        // Not echoed: a bare JWT without its "token:" prefix is the likeliest mistake.
        throw new CliException("client config " + file + ": " + AUTH_KEY + " must be token:<jwt> or file:/path;"
                + " its value (not shown, as it may be a credential) is neither");
    }

    /** Without the token, which a record's own toString would print. */
    @Override
    public String toString() {
        return "ClientConfig[webServiceUrl=" + webServiceUrl + ", token=" + (token == null ? "none" : "(hidden)") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
