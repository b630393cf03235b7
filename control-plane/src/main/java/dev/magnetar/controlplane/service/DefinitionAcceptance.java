package dev.magnetar.controlplane.service;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.function.SchemaSettings;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.FunctionStatus;
import dev.magnetar.api.validation.FunctionValidator;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.packages.FunctionClassCheck;
import dev.magnetar.controlplane.packages.FunctionJars;
import dev.magnetar.controlplane.store.FunctionRef;
import java.util.List;

/**
 * What a definition must pass before it is stored, each step refusing with every violation it finds
 * ({@link InvalidFunctionException}), and what is recorded with it.
 */
final class DefinitionAcceptance {
    private final FunctionReplicas replicas;
    private final FunctionJars jars;

    DefinitionAcceptance(FunctionReplicas replicas, FunctionJars jars) {
        this.replicas = replicas;
        this.jars = jars;
    }

    static ResolvedFunction requireValid(Function definition) {
        require(definition, FunctionValidator.validate(definition));
        return ResolvedFunction.of(definition);
    }

    /**
     * Every violation of the definition, including, for {@code newCode}, a jar where this control plane does not
     * read jars from, and what this mode cannot run.
     */
    ResolvedFunction requireRunnable(Function definition, boolean newCode) {
        ResolvedFunction resolved = requireValid(definition);
        if (newCode) {
            // Before the mode looks at the jar: a path outside is refused without a word about what is there.
            require(definition, jars.checkLocation(FunctionRef.of(definition), resolved));
        }
        require(definition, replicas.preflight(definition, resolved));
        return resolved;
    }

    /**
     * A class that is not in its jar, or is not a function, would make every replica fail at start and be
     * restarted forever: it is refused instead, where the jar is on this machine ({@link FunctionClassCheck}).
     * Start-up does not check again what was accepted before.
     */
    void requireFunctionClass(Function definition, ResolvedFunction resolved) {
        require(definition, jars.checkClass(resolved, SchemaSettings.classNames(definition.getSpec())));
    }

    /** The jar's digest goes into the status, for every replica to check its jar against before loading it. */
    void recordPackage(Function definition, ResolvedFunction resolved) {
        if (definition.getStatus() == null) {
            definition.setStatus(new FunctionStatus());
        }
        definition.getStatus().setPackageSha256(jars.sha256(FunctionRef.of(definition), resolved));
    }

    private static void require(Function definition, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidFunctionException("function "
                    + (definition.getMetadata() == null ? "?" : definition.getMetadata().getName()), violations);
        }
    }
}
