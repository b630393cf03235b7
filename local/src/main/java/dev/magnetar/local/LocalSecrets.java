package dev.magnetar.local;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets in standalone mode: the Kubernetes secret {@code name}/{@code key} is the file
 * {@code <dataDir>/secrets/<name>/<key>}, the same layout a mounted Secret volume has. Each
 * {@code spec.secrets} value reaches the replica as the environment variable named by its map key, and
 * {@code spec.pulsarAuth.token} as the runtime's Pulsar token. Messages name a secret by its reference
 * and file, never by its value.
 */
final class LocalSecrets {
    private static final String PULSAR_TOKEN_FIELD = "spec.pulsarAuth.token";

    private final Path root;

    LocalSecrets(Path root) {
        this.root = root;
    }

    /** Every secret the spec refers to that is not a readable file here. */
    List<Violation> check(FunctionSpec spec) {
        List<Violation> out = new ArrayList<>();
        if (spec.getSecrets() != null) {
            spec.getSecrets().forEach((variable, ref) -> check("spec.secrets." + variable, ref, out));
        }
        SecretRef token = pulsarToken(spec);
        if (token != null) {
            check(PULSAR_TOKEN_FIELD, token, out);
        }
        return out;
    }

    /** The variables the spec's secrets add to a replica's environment, its Pulsar token last. */
    Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> values = new LinkedHashMap<>();
        if (spec.getSecrets() != null) {
            spec.getSecrets().forEach((variable, ref) -> values.put(variable, read(ref)));
        }
        SecretRef token = pulsarToken(spec);
        if (token != null) {
            values.put(Option.PULSAR_AUTH_TOKEN.variable(), read(token));
        }
        return values;
    }

    private static SecretRef pulsarToken(FunctionSpec spec) {
        return spec.getPulsarAuth() == null ? null : spec.getPulsarAuth().token();
    }

    private void check(String field, SecretRef ref, List<Violation> out) {
        if (ref == null || ref.name() == null || ref.key() == null) {
            return; // the validator already reported it
        }
        if (!isPlainName(ref.name()) || !isPlainName(ref.key())) {
            out.add(new Violation(field, "secret " + ref.name() + "/" + ref.key()
                    + " is not a plain name: use letters, digits, '.', '-' and '_'"));
            return;
        }
        Path file = fileOf(ref);
        if (!Files.isReadable(file)) {
            out.add(new Violation(field, "secret " + ref.name() + "/" + ref.key()
                    + " not found: in standalone mode write its value to " + file));
        }
    }

    private String read(SecretRef ref) {
        Path file = fileOf(ref);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + ref.name() + "/" + ref.key() + " from " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPlainName(String part) {
        return part.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    }

    private Path fileOf(SecretRef ref) {
        return root.resolve(ref.name()).resolve(ref.key());
    }
}
