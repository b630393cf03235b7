package dev.magnetar.runtime.config;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.yaml.DocumentException;
import dev.magnetar.api.yaml.FunctionDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the runtime's options from the command line, each falling back to an environment
 * variable (the form a Kubernetes pod uses), or, in a JVM of standalone's warm pool, to its
 * {@link RuntimeAssignment}, which stands in for the environment it would have been started with.
 * Every problem is a {@link ConfigurationException} naming the option and what to do.
 */
public final class RuntimeOptions {
    /** Command-line option → environment variable. */
    static final Map<String, String> OPTIONS = Arrays.stream(Option.values())
            .collect(Collectors.toUnmodifiableMap(Option::flag, Option::variable));
    static final int DEFAULT_HTTP_PORT = RuntimeLaunch.DEFAULT_HTTP_PORT;
    static final long DEFAULT_DRAIN_TIMEOUT_MS = RuntimeLaunch.DEFAULT_DRAIN_TIMEOUT_MS;

    private final Map<String, String> values;

    private RuntimeOptions(Map<String, String> values) {
        this.values = values;
    }

    public static RuntimeConfig parse(String[] args, Map<String, String> env) {
        return parse(args, env, new RuntimeAssignment(Map.of()));
    }

    /**
     * The options of a JVM of the warm pool once its function is assigned: each setting of {@code assignment} wins over
     * the same variable of {@code env}, and the command line over both.
     */
    public static RuntimeConfig parse(String[] args, Map<String, String> env, RuntimeAssignment assignment) {
        return new RuntimeOptions(values(args, env, assignment.settings())).toConfig();
    }

    /** True for a JVM of the warm pool: it waits for its function ({@link Option#ASSIGNMENT}). */
    public static boolean waitsForAssignment(String[] args, Map<String, String> env) {
        return values(args, env, Map.of()).containsKey(Option.ASSIGNMENT.flag());
    }

    /** What a JVM of the warm pool reads before it has a function: where Pulsar is, how to trust it, whom to outlive. */
    public static PooledConfig parsePooled(String[] args, Map<String, String> env) {
        RuntimeOptions options = new RuntimeOptions(values(args, env, Map.of()));
        String source = options.values.get(Option.ASSIGNMENT.flag());
        if (!RuntimeAssignment.STDIN.equals(source)) {
            throw new ConfigurationException(Option.ASSIGNMENT.flag() + " is '" + source + "': the only source of an"
                    + " assignment is '" + RuntimeAssignment.STDIN + "' (one line on standard input)");
        }
        return new PooledConfig(options.required(Option.PULSAR_URL.flag()), TrustOptions.read(options.values),
                options.number(Option.PARENT_PID.flag(), 0L, 0, Long.MAX_VALUE));
    }

    private static Map<String, String> values(String[] args, Map<String, String> env, Map<String, String> assigned) {
        Map<String, String> values = new HashMap<>();
        OPTIONS.forEach((option, variable) -> {
            String value = assigned.containsKey(variable) ? assigned.get(variable) : env.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(option, value);
            }
        });
        values.putAll(commandLine(args));
        return values;
    }

    private static Map<String, String> commandLine(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String option = equals > 0 ? arg.substring(0, equals) : arg;
            if (!OPTIONS.containsKey(option)) {
                throw new ConfigurationException("unknown option '" + arg + "': the options are "
                        + OPTIONS.keySet().stream().sorted().toList());
            }
            if (equals > 0) {
                given.put(option, arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                given.put(option, args[++i]);
            } else {
                throw new ConfigurationException("option " + option + " needs a value");
            }
        }
        return given;
    }

    private RuntimeConfig toConfig() {
        Path base = Path.of("").toAbsolutePath();
        Function function;
        if (values.containsKey(Option.FUNCTION_FILE.flag())) {
            Path file = Path.of(values.get(Option.FUNCTION_FILE.flag())).toAbsolutePath();
            function = document(() -> FunctionDocuments.read(file), Option.FUNCTION_FILE.flag());
            base = file.getParent();
        } else if (values.containsKey(Option.FUNCTION_JSON.flag())) {
            function = document(() -> FunctionDocuments.parse(values.get(Option.FUNCTION_JSON.flag())), Option.FUNCTION_JSON.flag());
        } else {
            throw new ConfigurationException("no function given: set --function-file PATH (MAGNETAR_FUNCTION_FILE)"
                    + " or --function-json TEXT (MAGNETAR_FUNCTION)");
        }
        ResolvedFunction resolved = resolve(function);
        int instanceId = (int) number(Option.INSTANCE_ID.flag(), 0, 0, Integer.MAX_VALUE);
        PulsarPackage jarPackage = jarPackage(resolved);
        return new RuntimeConfig(function, resolved, jarPackage == null ? jar(resolved, base) : null, jarPackage,
                packageSha256(), required(Option.PULSAR_URL.flag()), values.get(Option.PULSAR_AUTH_TOKEN.flag()),
                instanceId, instanceName(instanceId),
                number(Option.HTTP_PORT.flag(), DEFAULT_HTTP_PORT, 0, 65_535),
                new RuntimeConfig.HttpAccess(values.get(Option.HTTP_HOST.flag()), values.get(Option.HTTP_ACCESS_TOKEN.flag())),
                Duration.ofMillis(number(Option.DRAIN_TIMEOUT_MS.flag(), DEFAULT_DRAIN_TIMEOUT_MS, 0, Long.MAX_VALUE)),
                number(Option.PARENT_PID.flag(), 0L, 0, Long.MAX_VALUE), TrustOptions.read(values), adminUrl(),
                stateStorage());
    }

    /** An http(s) URL, or none; anything else is refused now rather than when the function first asks for it. */
    private String adminUrl() {
        String url = values.get(Option.PULSAR_ADMIN_URL.flag());
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigurationException(Option.PULSAR_ADMIN_URL.flag() + " (" + Option.PULSAR_ADMIN_URL.variable()
                    + ") is '" + url + "': give the cluster's web service URL, http://host:8080 or https://host:8443");
        }
        return url;
    }

    private static Function document(java.util.function.Supplier<Function> reader, String option) {
        try {
            return reader.get();
        } catch (DocumentException e) {
            throw new ConfigurationException(option + ": " + e.getMessage(), e);
        }
    }

    private static ResolvedFunction resolve(Function function) {
        try {
            FunctionValidator.requireValid(function);
        } catch (InvalidFunctionException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        return ResolvedFunction.of(function);
    }

    /** A jar kept in Pulsar is fetched once the replica has its client; null for a file. */
    private static PulsarPackage jarPackage(ResolvedFunction function) {
        if (!PulsarPackage.isPackage(function.jar())) {
            return null;
        }
        try {
            return PulsarPackage.parse(function.jar());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("spec.runtime.jar: " + e.getMessage(), e);
        }
    }

    private static Path jar(ResolvedFunction function, Path base) {
        if (function.jar() == null || function.jar().isBlank()) {
            throw new ConfigurationException("spec.runtime.jar is not set: the Java runtime needs the function's jar");
        }
        Path jar = base.resolve(function.jar()).normalize();
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new ConfigurationException("spec.runtime.jar: " + jar + " is not a readable file:"
                    + " build the function's jar or fix the path");
        }
        return jar;
    }

    /** The digest the control plane recorded for the jar; hex, either case. */
    private String packageSha256() {
        String value = values.get(Option.PACKAGE_SHA256.flag());
        if (value == null || value.isBlank()) {
            return null;
        }
        String sha256 = value.trim().toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new ConfigurationException(Option.PACKAGE_SHA256.flag() + " is '" + value + "': give the jar's"
                    + " SHA-256 as 64 hex digits, or leave the option out");
        }
        return sha256;
    }

    private StateStorageSettings stateStorage() {
        String url = values.get(Option.STATE_STORAGE_URL.flag());
        if (url != null && !url.trim().matches("[a-z][a-z0-9+.-]*://\\S+")) {
            throw new ConfigurationException(Option.STATE_STORAGE_URL.flag() + " is '" + url + "': give bk://host:port"
                    + " of BookKeeper's table service, or leave it out (then state calls fail)");
        }
        return new StateStorageSettings(url, values.get(Option.STATE_STORAGE_UNAVAILABLE.flag()));
    }

    /** The pod name on Kubernetes (the downward API sets it); the instance id elsewhere. */
    private String instanceName(int instanceId) {
        String name = values.get(Option.INSTANCE_NAME.flag());
        if (name == null || name.isBlank()) {
            return Integer.toString(instanceId);
        }
        if (!name.matches("[A-Za-z0-9._-]{1,253}")) {
            throw new ConfigurationException("--instance-name '" + name + "' may hold only letters, digits, '.', '_'"
                    + " and '-' (at most 253): it becomes part of the Pulsar consumer name");
        }
        return name;
    }

    private String required(String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(option + " is required (or " + OPTIONS.get(option) + "):"
                    + " the Pulsar service URL, e.g. pulsar://localhost:6650");
        }
        return value;
    }

    private long number(String option, long fallback, long min, long max) {
        String value = values.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new ConfigurationException(option + " is '" + value + "': give a whole number from " + min
                + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private int number(String option, int fallback, int min, int max) {
        return (int) number(option, (long) fallback, min, max);
    }
}
