package dev.magnetar.controlplane.service;

import dev.magnetar.controlplane.store.FunctionRef;

/** No function of that name exists. */
public class FunctionNotFoundException extends RuntimeException {
    public FunctionNotFoundException(FunctionRef ref) {
        super("function " + ref.fqfn() + " does not exist");
    }
}
