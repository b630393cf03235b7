package dev.magnetar.local;

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
 * value reaches the replica as the environment variable named by the secret's map key.
 */
final class LocalSecrets {
    private final Path root;

    LocalSecrets(Path root) {
        this.root = root;
    }

    List<Violation> check(Map<String, SecretRef> secrets) {
        List<Violation> out = new ArrayList<>();
        if (secrets == null) {
            return out;
        }
        secrets.forEach((variable, ref) -> {
            if (ref == null || ref.name() == null || ref.key() == null) {
                return; // the validator already reported it
            }
            if (!isPlainName(ref.name()) || !isPlainName(ref.key())) {
                out.add(new Violation("spec.secrets." + variable, "secret " + ref.name() + "/" + ref.key()
                        + " is not a plain name: use letters, digits, '.', '-' and '_'"));
                return;
            }
            Path file = fileOf(ref);
            if (!Files.isReadable(file)) {
                out.add(new Violation("spec.secrets." + variable, "secret " + ref.name() + "/" + ref.key()
                        + " not found: in standalone mode write its value to " + file));
            }
        });
        return out;
    }

    Map<String, String> read(Map<String, SecretRef> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secrets == null) {
            return values;
        }
        secrets.forEach((variable, ref) -> {
            Path file = fileOf(ref);
            try {
                values.put(variable, Files.readString(file).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read secret " + ref.name() + "/" + ref.key() + " from " + file
                        + ": " + e.getMessage(), e);
            }
        });
        return values;
    }

    private static boolean isPlainName(String part) {
        return part.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    }

    private Path fileOf(SecretRef ref) {
        return root.resolve(ref.name()).resolve(ref.key());
    }
}
