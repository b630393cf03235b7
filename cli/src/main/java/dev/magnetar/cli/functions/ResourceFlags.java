package dev.magnetar.cli.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.ResourcesSpec;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.cli.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * pulsar-admin's {@code --cpu} (cores), {@code --ram} (bytes) and {@code --secrets} (JSON
 * {@code {"NAME": {"path": "<secret>", "key": "<key>"}}}), in the Function's terms: Kubernetes
 * quantities and secret references.
 */
public final class ResourceFlags {
    @Option(names = "--cpu", paramLabel = "CORES", description = "CPU cores per replica, e.g. 0.5")
    Double cpu;

    @Option(names = "--ram", paramLabel = "BYTES", description = "Memory per replica in bytes, e.g. 536870912")
    Long ram;

    @Option(names = "--secrets", paramLabel = "JSON",
            description = "Secrets the function reads by name: '{\"NAME\": {\"path\": \"<secret>\", \"key\": \"<key>\"}}'")
    String secrets;

    void applyTo(FunctionSpec spec) {
        if (cpu != null || ram != null) {
            ResourcesSpec current = spec.getResources() == null ? new ResourcesSpec(null, null) : spec.getResources();
            spec.setResources(new ResourcesSpec(cpu != null ? millicores(cpu) : current.cpu(),
                    ram != null ? bytes(ram) : current.memory()));
        }
        if (secrets != null) {
            spec.setSecrets(parseSecrets(secrets));
        }
    }

    private static String millicores(double cores) {
        if (!(cores > 0)) {
            throw usage("invalid --cpu " + cores + ": give the cores per replica, above 0 (e.g. 0.5)");
        }
        return Math.max(1, Math.round(cores * 1000)) + "m";
    }

    private static String bytes(long ram) {
        if (ram <= 0) {
            throw usage("invalid --ram " + ram + ": give the bytes per replica, above 0 (e.g. 536870912)");
        }
        return Long.toString(ram);
    }

    static Map<String, SecretRef> parseSecrets(String json) {
        Map<String, Map<String, String>> parsed;
        try {
            parsed = FunctionDocuments.json().readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            // Neither the text nor Jackson's message is echoed: a value given in place of a reference is the secret.
            String where = e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset();
            throw new CliException("invalid --secrets" + where + ": give a JSON object of references, each"
                    + " {\"path\": ..., \"key\": ...}, never a secret's value; " + EXAMPLE, CliException.USAGE, e);
        }
        if (parsed == null || parsed.isEmpty()) {
            throw usage("invalid --secrets: no secret given; " + EXAMPLE);
        }
        Map<String, SecretRef> out = new LinkedHashMap<>();
        parsed.forEach((name, ref) -> {
            if (ref == null || isBlank(ref.get("path")) || isBlank(ref.get("key"))) {
                throw usage("invalid --secrets: '" + name + "' needs both \"path\" and \"key\"; " + EXAMPLE);
            }
            out.put(name, new SecretRef(ref.get("path"), ref.get("key")));
        });
        return out;
    }

    private static final String EXAMPLE = "example: --secrets '{\"DB_PASSWORD\": {\"path\": \"db\", \"key\": \"password\"}}'";

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static CliException usage(String message) {
        return new CliException(message, CliException.USAGE, null);
    }
}
