package dev.magnetar.controlplane.store;

import dev.magnetar.api.naming.FunctionNames;
import dev.magnetar.api.v1alpha1.Function;

/** Which function: Pulsar tenant, namespace and function name. */
public record FunctionRef(String tenant, String namespace, String name) {

    /** The reference of a definition whose tenant and namespace are filled in. */
    public static FunctionRef of(Function function) {
        return new FunctionRef(function.getSpec().getTenant(), function.getSpec().getNamespace(),
                function.getMetadata().getName());
    }

    public String fqfn() {
        return FunctionNames.fqfn(tenant, namespace, name);
    }

    /** {@code tenant.namespace.name}: safe as a file or directory name. */
    public String fileSafe() {
        return tenant + "." + namespace + "." + name;
    }

    @Override
    public String toString() {
        return fqfn();
    }
}
