package dev.magnetar.controlplane.api;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.store.FunctionRef;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The URL path names the function; the document may too. Missing names are taken from the path,
 * names that differ are refused: silently renaming would create a function nobody asked for.
 */
final class PathAgreement {
    private PathAgreement() {
    }

    /** Fills tenant, namespace and name from {@code path} where absent; returns every disagreement. */
    static List<Violation> align(FunctionRef path, Function document) {
        List<Violation> out = new ArrayList<>();
        if (document.getMetadata() == null) {
            document.setMetadata(new ObjectMeta());
        }
        String name = document.getMetadata().getName();
        if (name == null || name.isBlank()) {
            document.getMetadata().setName(path.name());
        } else if (!name.equals(path.name())) {
            out.add(mismatch("metadata.name", name, "name", path.name()));
        }
        if (document.getSpec() == null) {
            return out; // the validator reports the missing spec
        }
        String tenant = document.getSpec().getTenant();
        if (tenant == null || tenant.isBlank()) {
            document.getSpec().setTenant(path.tenant());
        } else if (!tenant.equals(path.tenant())) {
            out.add(mismatch("spec.tenant", tenant, "tenant", path.tenant()));
        }
        String namespace = document.getSpec().getNamespace();
        if (namespace == null || namespace.isBlank()) {
            document.getSpec().setNamespace(path.namespace());
        } else if (!namespace.equals(path.namespace())) {
            out.add(mismatch("spec.namespace", namespace, "namespace", path.namespace()));
        }
        return out;
    }

    private static Violation mismatch(String field, String inDocument, String pathPart, String inPath) {
        return new Violation(field, "is '" + inDocument + "' but the URL path says " + pathPart + " '" + inPath
                + "': make them agree, or leave the field out");
    }
}
