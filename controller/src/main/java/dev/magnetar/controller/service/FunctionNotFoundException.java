package dev.magnetar.controller.service;

import dev.magnetar.controller.store.FunctionRef;

/** No function of that name exists. */
public class FunctionNotFoundException extends RuntimeException {
    public FunctionNotFoundException(FunctionRef ref) {
        super("function " + ref.fqfn() + " does not exist");
    }
}
