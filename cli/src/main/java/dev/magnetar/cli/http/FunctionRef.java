package dev.magnetar.cli.http;

import dev.magnetar.api.naming.FunctionNames;

/** Which function a command is about: Pulsar's tenant/namespace/name triple. */
public record FunctionRef(String tenant, String namespace, String name) {
    public String fqfn() {
        return FunctionNames.fqfn(tenant, namespace, name);
    }

    @Override
    public String toString() {
        return fqfn();
    }
}
