package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.testing.AcceptingReplicas;
import dev.magnetar.controlplane.store.FunctionRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update the mode rolled back after it was stored (standalone: its replicas were not ready in time): the store
 * goes back to the definition that runs, and the status says why until the next change.
 */
class RolledBackUpdateTest {
    private static final FunctionRef ECHO = new FunctionRef("public", "default", "echo");

    @TempDir
    Path dir;
    @TempDir
    Path jars;
    FileFunctionStore store;
    FunctionService service;
    final AcceptingReplicas replicas = new AcceptingReplicas();

    @BeforeEach
    void setUp() {
        store = new FileFunctionStore(dir);
        service = new FunctionService(store, function -> 0, replicas,
                new JarLocations(dir.resolve("packages"), List.of(jars), true));
    }

    Function echo(int concurrency) {
        Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: echo}
                spec:
                  tenant: public
                  namespace: default
                  runtime: {className: a.B, jar: %s}
                  inputs: [in]
                  replicas: 2
                """.formatted(jars.resolve("x.jar")));
        function.getSpec().setConcurrency(concurrency);
        return function;
    }

    @Test
    void theStoredDefinitionIsTheOneThatRunsAgainAndTheStatusSaysWhy() {
        service.create(echo(1));
        Function running = store.get(ECHO).orElseThrow();
        Function update = echo(4);
        service.update(update);

        replicas.listener().rolledBack(update, running, "the update was rolled back: replica 0 was not ready within 60 s");

        assertThat(store.get(ECHO).orElseThrow().getSpec().getConcurrency()).as("what runs").isEqualTo(1);
        assertThat(service.status(ECHO).error()).isEqualTo("the update was rolled back: replica 0 was not ready"
                + " within 60 s");
        service.update(echo(2));
        assertThat(service.status(ECHO).error()).as("after a later change put into effect").isNull();
    }

    @Test
    void anInstanceStoppedAloneSinceStaysStopped() {
        service.create(echo(1));
        Function running = store.get(ECHO).orElseThrow();
        Function update = echo(4);
        service.update(update);
        service.control(ECHO, 1, InstanceAction.STOP);

        replicas.listener().rolledBack(update, running, "the update was rolled back");

        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).containsExactly(1);
    }

    @Test
    void anUpdateChangedOrDeletedSinceIsLeftAlone() {
        service.create(echo(1));
        Function running = store.get(ECHO).orElseThrow();
        Function first = echo(4);
        service.update(first);
        Function second = echo(8);
        service.update(second);

        replicas.listener().rolledBack(first, running, "the update was rolled back");

        assertThat(store.get(ECHO).orElseThrow().getSpec().getConcurrency()).isEqualTo(8);
        assertThat(service.status(ECHO).error()).isNull();
        service.delete(ECHO);
        replicas.listener().rolledBack(second, running, "the update was rolled back");
        assertThat(store.get(ECHO)).isEmpty();
    }
}
