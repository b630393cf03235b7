package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.RolloutListener;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.store.FunctionRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    RolloutListener rollouts;

    @BeforeEach
    void setUp() {
        store = new FileFunctionStore(dir);
        service = new FunctionService(store, function -> 0, new ListeningReplicas(),
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

        rollouts.rolledBack(update, running, "the update was rolled back: replica 0 was not ready within 60 s");

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

        rollouts.rolledBack(update, running, "the update was rolled back");

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

        rollouts.rolledBack(first, running, "the update was rolled back");

        assertThat(store.get(ECHO).orElseThrow().getSpec().getConcurrency()).isEqualTo(8);
        assertThat(service.status(ECHO).error()).isNull();
        service.delete(ECHO);
        rollouts.rolledBack(second, running, "the update was rolled back");
        assertThat(store.get(ECHO)).isEmpty();
    }

    /** Runs everything it is given, and keeps the listener the service registers. */
    private final class ListeningReplicas implements FunctionReplicas, InstanceControl {
        @Override
        public void listen(RolloutListener listener) {
            rollouts = listener;
        }

        @Override
        public List<Violation> preflight(Function definition, ResolvedFunction function) {
            return List.of();
        }

        @Override
        public void apply(Function definition, ResolvedFunction function) {
        }

        @Override
        public void remove(Function definition) {
        }

        @Override
        public void restart(String fqfn) {
        }

        @Override
        public List<InstanceStatus> status(String fqfn) {
            return List.of();
        }

        @Override
        public InstanceControl instances() {
            return this;
        }

        @Override
        public Optional<String> refusal(String fqfn, InstanceAction action) {
            return Optional.empty();
        }

        @Override
        public void control(String fqfn, int instanceId, InstanceAction action) {
        }

        @Override
        public void close() {
        }
    }
}
