package dev.magnetar.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.replicas.InstanceControl;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.replicas.StoppedInstances;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.InvalidFunctionException;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.packages.JarLocations;
import dev.magnetar.controlplane.store.FileFunctionStore;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.controlplane.testing.TestJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The lifecycle rules, with a recording stand-in for where the replicas run; the real ones are
 * covered by AdminApiIT and LocalFunctionReplicasIT (standalone) and KubernetesAdminApiIT.
 */
class FunctionServiceTest {
    private static final FunctionRef ECHO = new FunctionRef("public", "default", "echo");

    @TempDir
    Path dir;
    final List<String> calls = new ArrayList<>();
    final Set<String> brokenTopics = new HashSet<>();
    boolean refuseControl;
    FileFunctionStore store;
    FunctionService service;
    @TempDir
    Path jars;
    Path jar;

    @BeforeEach
    void setUp() {
        store = new FileFunctionStore(dir);
        service = new FunctionService(store, function -> 0, new RecordingReplicas(),
                new JarLocations(dir.resolve("packages"), List.of(jars), true));
    }

    Function function(String name, String input, int replicas) {
        Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata: {name: %s}
                spec:
                  tenant: public
                  namespace: default
                  runtime: {className: a.B, jar: %s}
                  inputs: [%s]
                """.formatted(name, jars.resolve("x.jar"), input));
        function.getSpec().setReplicas(replicas);
        return function;
    }

    /** {@code function} running {@code className} from a jar that holds fn.Echo (a function) and fn.Helper (not one). */
    Function runs(Function function, String className) {
        if (jar == null) {
            jar = TestJars.jar(jars, "fn.jar", Map.of(
                    "fn.Echo", "package fn; public class Echo implements java.util.function.Function<String, String> {"
                            + " public String apply(String in) { return in; } }",
                    "fn.Helper", "package fn; public class Helper { }"));
        }
        function.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, jar.toString(), className));
        return function;
    }

    @Test
    void createPutsTheStoredDefinitionIntoEffect() {
        service.create(function("echo", "in", 2));

        assertThat(calls).containsExactly("apply public/default/echo x2");
        assertThat(store.get(ECHO)).isPresent();
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryViolationAndNothingHappens() {
        Function invalid = function("echo", "in", 1);
        invalid.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, null, null));
        invalid.getSpec().setConcurrency(0);

        assertThatThrownBy(() -> service.create(invalid)).isInstanceOfSatisfying(InvalidFunctionException.class,
                e -> assertThat(e.violations()).extracting(Violation::field)
                        .contains("spec.runtime.className", "spec.runtime.jar", "spec.concurrency"));
        assertThat(calls).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void whatTheModeCannotRunIsReportedWithTheValidatorsViolations() {
        Function needsLocalJar = function("echo", "in", 1);
        needsLocalJar.getSpec().setRuntime(new dev.magnetar.api.v1alpha1.RuntimeSpec(null, "relative.jar", "a.B"));

        assertThatThrownBy(() -> service.create(needsLocalJar)).hasMessageContaining("spec.runtime.jar: relative");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aClassThatIsNotInItsJarIsRefusedAndNothingHappens() {
        Function missing = runs(function("echo", "in", 1), "fn.Missing");

        assertThatThrownBy(() -> service.create(missing)).isInstanceOfSatisfying(InvalidFunctionException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("spec.runtime.className"));
        assertThat(calls).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void anUpdateToAClassThatIsNotAFunctionKeepsTheAcceptedDefinition() {
        service.create(runs(function("echo", "in", 1), "fn.Echo"));

        assertThatThrownBy(() -> service.update(runs(function("echo", "in", 2), "fn.Helper")))
                .isInstanceOf(InvalidFunctionException.class).hasMessageContaining("fn.Helper");
        assertThat(store.get(ECHO).orElseThrow().getSpec().getRuntime().className()).isEqualTo("fn.Echo");
        assertThat(calls).containsExactly("apply public/default/echo x1");
    }

    @Test
    void aDefinitionWhoseCodeDoesNotChangeIsNotJudgedAgain() {
        store.put(runs(function("echo", "in", 2), "fn.Helper")); // accepted before classes were checked

        service.stop(ECHO);
        service.update(runs(function("echo", "in", 3), "fn.Helper"));

        assertThat(calls).containsExactly("apply public/default/echo x0", "apply public/default/echo x3");
    }

    @Test
    void aSecondCreateIsAConflict() {
        service.create(function("echo", "in", 1));

        assertThatThrownBy(() -> service.create(function("echo", "in", 1))).isInstanceOf(FunctionExistsException.class)
                .hasMessage("function public/default/echo already exists: use update to change it, or delete it first");
    }

    @Test
    void aCreateThatCannotBeProvisionedIsUndone() {
        brokenTopics.add("persistent://public/default/in");

        assertThatThrownBy(() -> service.create(function("echo", "in", 1))).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("topics not provisioned: broker said no");
        assertThat(store.get(ECHO)).isEmpty();
        assertThat(calls).noneMatch(call -> call.startsWith("apply"));
    }

    @Test
    void anInvalidUpdateKeepsTheAcceptedDefinition() {
        service.create(function("echo", "in", 1));
        Function invalid = function("echo", "in", 1);
        invalid.getSpec().setMaxRedeliveries(-1);

        assertThatThrownBy(() -> service.update(invalid)).isInstanceOf(InvalidFunctionException.class);
        assertThat(store.get(ECHO).orElseThrow().getSpec().getMaxRedeliveries()).isNull();
    }

    @Test
    void anUpdateThatCannotBeProvisionedRestoresThePreviousDefinition() {
        service.create(function("echo", "in", 1));
        brokenTopics.add("persistent://public/default/other");

        assertThatThrownBy(() -> service.update(function("echo", "other", 1))).isInstanceOf(DeploymentException.class);
        assertThat(store.get(ECHO).orElseThrow().getSpec().getInputs()).containsExactly("in");
    }

    @Test
    void updateAndDeleteOfAnUnknownFunctionAreNotFound() {
        assertThatThrownBy(() -> service.update(function("echo", "in", 1))).isInstanceOf(FunctionNotFoundException.class);
        assertThatThrownBy(() -> service.delete(ECHO)).isInstanceOf(FunctionNotFoundException.class);
        assertThatThrownBy(() -> service.status(ECHO)).isInstanceOf(FunctionNotFoundException.class);
    }

    @Test
    void deleteTakesTheDefinitionOutOfEffectWithItsCleanupWish() {
        Function kept = function("kept", "in", 1);
        Function cleaned = function("echo", "in2", 1);
        cleaned.getSpec().setCleanupSubscription(true);
        service.create(kept);
        service.create(cleaned);
        calls.clear();

        service.delete(new FunctionRef("public", "default", "kept"));
        service.delete(ECHO);

        assertThat(calls).containsExactly("remove public/default/kept", "remove public/default/echo and its subscription");
        assertThat(service.list("public", "default")).isEmpty();
    }

    @Test
    void startUpDeploysEveryStoredFunctionAndReportsTheOneThatFails() {
        store.put(function("alpha", "a", 1));
        store.put(function("beta", "b", 1));
        store.put(function("gamma", "c", 1));
        brokenTopics.add("persistent://public/default/b");

        service.deployAll();

        assertThat(calls).contains("apply public/default/alpha x1", "apply public/default/gamma x1")
                .doesNotContain("apply public/default/beta x1");
        assertThat(service.status(new FunctionRef("public", "default", "beta")).error())
                .contains("topics not provisioned: broker said no");
        assertThat(service.status(new FunctionRef("public", "default", "alpha")).error()).isNull();
    }

    @Test
    void stopScalesToZeroRemembersTheCountAndStartBringsItBack() {
        service.create(function("echo", "in", 3));
        calls.clear();

        service.stop(ECHO);
        service.stop(ECHO);
        Function stopped = store.get(ECHO).orElseThrow();
        assertThat(stopped.getSpec().getReplicas()).isZero();
        assertThat(StoppedReplicas.remembered(stopped)).contains(3);

        service.start(ECHO);
        Function started = store.get(ECHO).orElseThrow();
        assertThat(started.getSpec().getReplicas()).isEqualTo(3);
        assertThat(StoppedReplicas.remembered(started)).isEmpty();
        assertThat(calls).containsExactly("apply public/default/echo x0", "apply public/default/echo x0",
                "apply public/default/echo x3");
    }

    @Test
    void instanceControlChecksTheInstanceIdAndLeavesTheDefinitionAlone() {
        service.create(function("echo", "in", 2));
        calls.clear();

        service.control(ECHO, 1, InstanceAction.RESTART);
        service.restart(ECHO);

        assertThat(calls).containsExactly("RESTART 1 of public/default/echo", "restart public/default/echo");
        assertThatThrownBy(() -> service.control(ECHO, 2, InstanceAction.STOP))
                .isInstanceOf(InstanceNotFoundException.class).hasMessage("function public/default/echo has no"
                        + " instance 2: its instances are 0 to 1");
        assertThatThrownBy(() -> service.stop(new FunctionRef("public", "default", "nothing")))
                .isInstanceOf(FunctionNotFoundException.class);
        assertThat(store.get(ECHO).orElseThrow().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void anInstanceStoppedAloneIsRecordedWithTheDefinitionUntilStartedAgain() {
        service.create(function("echo", "in", 3));

        service.control(ECHO, 1, InstanceAction.STOP);
        service.control(ECHO, 2, InstanceAction.STOP);
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).containsExactly(1, 2);
        assertThat(new FileFunctionStore(dir).get(ECHO).orElseThrow().getMetadata().getAnnotations())
                .as("what a restarted control plane reads").containsEntry(StoppedInstances.ANNOTATION, "1,2");

        service.control(ECHO, 1, InstanceAction.START);
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).containsExactly(2);
        service.update(function("echo", "in", 3));
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).as("kept by an update").containsExactly(2);
        service.update(function("echo", "in", 2));
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).as("instance 2 is gone").isEmpty();

        service.control(ECHO, 0, InstanceAction.STOP);
        service.restart(ECHO);
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).as("cleared by a restart").isEmpty();
        service.control(ECHO, 0, InstanceAction.STOP);
        service.start(ECHO);
        assertThat(store.get(ECHO).orElseThrow().getMetadata().getAnnotations()).as("cleared by a start")
                .doesNotContainKey(StoppedInstances.ANNOTATION);
    }

    @Test
    void anInstanceStopTheModeRefusesIsNotRecorded() {
        service.create(function("echo", "in", 2));
        refuseControl = true;

        assertThatThrownBy(() -> service.control(ECHO, 1, InstanceAction.STOP))
                .isInstanceOf(InstanceActionRefusedException.class).hasMessageContaining("cannot");
        assertThat(StoppedInstances.of(store.get(ECHO).orElseThrow())).isEmpty();
    }

    /** Stands in for a mode whose topics cannot be provisioned when an input is in {@link #brokenTopics}. */
    private class RecordingReplicas implements FunctionReplicas, InstanceControl {
        @Override
        public List<Violation> preflight(Function definition, ResolvedFunction function) {
            return function.jar().startsWith("/") ? List.of() : List.of(new Violation("spec.runtime.jar", "relative"));
        }

        @Override
        public void apply(Function definition, ResolvedFunction function) {
            if (function.inputs().stream().anyMatch(brokenTopics::contains)) {
                throw new IllegalStateException("topics not provisioned: broker said no");
            }
            calls.add("apply " + function.fqfn() + " x" + function.replicas());
        }

        @Override
        public void remove(Function definition) {
            boolean cleanup = Boolean.TRUE.equals(definition.getSpec().getCleanupSubscription());
            calls.add("remove " + ResolvedFunction.of(definition).fqfn() + (cleanup ? " and its subscription" : ""));
        }

        @Override
        public void restart(String fqfn) {
            calls.add("restart " + fqfn);
        }

        @Override
        public InstanceControl instances() {
            return this;
        }

        @Override
        public Optional<String> refusal(String fqfn, InstanceAction action) {
            return refuseControl ? Optional.of("this mode cannot " + action.verb() + " single replicas") : Optional.empty();
        }

        @Override
        public void control(String fqfn, int instanceId, InstanceAction action) {
            calls.add(action + " " + instanceId + " of " + fqfn);
        }

        @Override
        public List<InstanceStatus> status(String fqfn) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
