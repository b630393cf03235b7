package dev.magnetar.operator.resources;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.packages.PulsarPackage;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.PulsarAuthSpec;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime container's environment, following the runtime's contract: {@code MAGNETAR_FUNCTION}
 * (the Function as JSON), {@code MAGNETAR_PULSAR_URL}, {@code MAGNETAR_PULSAR_ADMIN_URL} (when the operator has
 * one), {@code MAGNETAR_HTTP_PORT}, {@code MAGNETAR_STATE_STORAGE_URL} when the operator has state storage (chart
 * value {@code stateStorageServiceUrl}),
 * {@code MAGNETAR_HTTP_ACCESS_TOKEN} from the function's {@link RuntimeAccessSecret},
 * {@code MAGNETAR_PACKAGE_SHA256} when the jar is kept in Pulsar (its location names the digest the
 * replica checks the fetched jar against),
 * {@code MAGNETAR_PULSAR_AUTH_TOKEN} from the function's own Secret ({@code spec.pulsarAuth.token}; none without
 * it), then each {@code spec.secrets} entry as a variable named by its key (what {@code Context.getSecret(key)}
 * reads) and {@code spec.env}. Entries are sorted by name so the list is stable. A secret's value is never in the
 * Deployment: the kubelet reads it from the Secret.
 *
 * <p>{@code MAGNETAR_INSTANCE_ID} is not set: the runtime takes an integer and a Deployment's pods
 * have no stable index, so every replica reports instance 0. {@code MAGNETAR_INSTANCE_NAME} is the
 * pod's name (downward API), so each replica's Pulsar consumer name and logs tell which pod it is.
 */
public final class RuntimeEnvironment {
    public static final String FUNCTION = Option.FUNCTION_JSON.variable();
    public static final String PULSAR_URL = Option.PULSAR_URL.variable();
    public static final String PULSAR_ADMIN_URL = Option.PULSAR_ADMIN_URL.variable();
    public static final String HTTP_PORT = Option.HTTP_PORT.variable();
    public static final String AUTH_TOKEN = Option.PULSAR_AUTH_TOKEN.variable();
    public static final String INSTANCE_NAME = Option.INSTANCE_NAME.variable();
    public static final String ACCESS_TOKEN = Option.HTTP_ACCESS_TOKEN.variable();
    public static final String PACKAGE_SHA256 = Option.PACKAGE_SHA256.variable();
    public static final String STATE_STORAGE_URL = Option.STATE_STORAGE_URL.variable();

    private RuntimeEnvironment() {
    }

    public static List<EnvVar> of(Function function, RuntimeSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(FUNCTION, FunctionJson.of(function)));
        env.add(plain(PULSAR_URL, settings.pulsarServiceUrl()));
        if (settings.pulsarAdminUrl() != null && !settings.pulsarAdminUrl().isBlank()) {
            env.add(plain(PULSAR_ADMIN_URL, settings.pulsarAdminUrl()));
        }
        env.add(plain(HTTP_PORT, Integer.toString(settings.httpPort())));
        if (settings.stateStorageUrl() != null && !settings.stateStorageUrl().isBlank()) {
            env.add(plain(STATE_STORAGE_URL, settings.stateStorageUrl()));
        }
        env.add(new EnvVarBuilder().withName(INSTANCE_NAME)
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom()
                .build());
        env.add(fromSecret(ACCESS_TOKEN, FunctionNames.replicaAccessSecretName(function.getMetadata().getName()),
                RuntimeAccessSecret.TOKEN_KEY));
        RuntimeSpec runtime = function.getSpec().getRuntime();
        PulsarPackage.sha256Of(runtime == null ? null : runtime.jar())
                .ifPresent(sha256 -> env.add(plain(PACKAGE_SHA256, sha256)));
        PulsarAuthSpec auth = function.getSpec().getPulsarAuth();
        if (auth != null && auth.token() != null) {
            env.add(fromSecret(AUTH_TOKEN, auth.token().name(), auth.token().key()));
        }
        Map<String, SecretRef> secrets = function.getSpec().getSecrets();
        if (secrets != null) {
            new TreeMap<>(secrets).forEach((name, ref) -> env.add(fromSecret(name, ref.name(), ref.key())));
        }
        Map<String, String> plain = function.getSpec().getEnv();
        if (plain != null) {
            new TreeMap<>(plain).forEach((name, value) -> env.add(plain(name, value)));
        }
        return env;
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }
}
