package dev.magnetar.controlplane.service;

import dev.magnetar.controlplane.store.FunctionRef;

/** A create named a function that already exists. */
public class FunctionExistsException extends RuntimeException {
    public FunctionExistsException(FunctionRef ref) {
        super("function " + ref.fqfn() + " already exists: use update to change it, or delete it first");
    }
}
