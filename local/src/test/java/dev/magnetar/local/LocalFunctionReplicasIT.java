package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.InstanceAction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.provision.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone mode's order of things, with real replica processes (a stand-in runtime) and a recording
 * stand-in for Pulsar: topics before replicas, the subscription after them.
 */
class LocalFunctionReplicasIT {
    private static final String ECHO = "public/default/echo";

    @TempDir
    Path dataDir;
    final List<String> calls = new ArrayList<>();
    final Set<String> brokenTopics = new HashSet<>();
    LocalReplicas processes;
    LocalFunctionReplicas replicas;
    Path jar;

    @BeforeEach
    void start() throws Exception {
        jar = Files.writeString(dataDir.resolve("fn.jar"), "not really a jar");
        processes = new LocalReplicas(FakeRuntime.settings(dataDir));
        replicas = new LocalFunctionReplicas(new RecordingTopics(), processes);
    }

    @AfterEach
    void stop() {
        replicas.close();
    }

    Function function(String input, boolean cleanupSubscription) {
        Function function = FakeRuntime.echo(jar, input);
        function.getSpec().setCleanupSubscription(cleanupSubscription);
        return function;
    }

    @Test
    void topicsAreProvisionedBeforeAnyReplicaStarts() {
        Function echo = function("in", false);

        replicas.apply(echo, ResolvedFunction.of(echo));

        assertThat(calls).containsExactly("ensure " + ECHO + " with 0 replicas running");
        await().atMost(Duration.ofSeconds(30)).until(() -> replicas.status(ECHO).size() == 1
                && replicas.status(ECHO).get(0).ready());
    }

    @Test
    void aFunctionWhoseTopicsCannotBeProvisionedStartsNoReplica() {
        brokenTopics.add("persistent://public/default/in");
        Function echo = function("in", false);

        assertThatThrownBy(() -> replicas.apply(echo, ResolvedFunction.of(echo)))
                .hasMessage("topics not provisioned: broker said no");
        assertThat(replicas.status(ECHO)).isEmpty();
    }

    @Test
    void theSubscriptionGoesAfterTheReplicasAndOnlyWhenAsked() {
        Function kept = function("in", false);
        replicas.apply(kept, ResolvedFunction.of(kept));
        replicas.remove(kept);
        Function cleaned = function("in", true);
        replicas.apply(cleaned, ResolvedFunction.of(cleaned));
        calls.clear();

        replicas.remove(cleaned);

        assertThat(calls).containsExactly("removeSubscription " + ECHO + " with 0 replicas running");
        assertThat(replicas.status(ECHO)).isEmpty();
    }

    @Test
    void everyActionOnASingleReplicaIsOffered() {
        for (InstanceAction action : InstanceAction.values()) {
            assertThat(replicas.instances().refusal(ECHO, action)).as(action.verb()).isEmpty();
        }
    }

    private final class RecordingTopics implements TopicProvisioner {
        @Override
        public void ensure(ResolvedFunction function) {
            if (function.inputs().stream().anyMatch(brokenTopics::contains)) {
                throw new IllegalStateException("broker said no");
            }
            calls.add("ensure " + function.fqfn() + " with " + processes.status(function.fqfn()).size()
                    + " replicas running");
        }

        @Override
        public void removeSubscription(ResolvedFunction function) {
            calls.add("removeSubscription " + function.fqfn() + " with " + processes.status(function.fqfn()).size()
                    + " replicas running");
        }

        @Override
        public long backlog(ResolvedFunction function) {
            return 0;
        }
    }
}
