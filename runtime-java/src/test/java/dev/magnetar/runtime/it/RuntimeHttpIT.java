package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.PoisonFunction;
import dev.magnetar.runtime.fixtures.SlowFunction;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/** A replica's HTTP port, and its orderly stop on SIGTERM. */
@ExtendWith(EmbeddedPulsarExtension.class)
class RuntimeHttpIT {

    @Test
    void readinessWaitsForTheSubscriptionAndTheEndpointsServe(EmbeddedPulsar pulsar) throws Exception {
        // The function's namespace does not exist yet, so the replica cannot subscribe until it is created.
        String tenant = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        String in = "persistent://" + tenant + "/ns/http-in";
        Function function = Definitions.define(Inputs.uniqueName("http"), PoisonFunction.class, FixtureJar.path(),
                in, "persistent://" + tenant + "/ns/http-out");
        function.getSpec().setTenant(tenant);
        function.getSpec().setNamespace("ns");

        try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0, ReplicaProcess.freePort())) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> replica.get("/healthz").statusCode() == 200);
            assertThat(replica.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(replica.isReady()).isFalse();

            HttpResponse<String> invoked = replica.post("/invoke", "direct");
            assertThat(invoked.statusCode()).isEqualTo(200);
            assertThat(invoked.body()).isEqualTo("direct!");
            HttpResponse<String> failed = replica.post("/invoke", "poison");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("refusing poison payload");

            Set<String> clusters = Set.copyOf(pulsar.admin().clusters().getClusters());
            pulsar.admin().tenants().createTenant(tenant, TenantInfo.builder().allowedClusters(clusters).build());
            pulsar.admin().namespaces().createNamespace(tenant + "/ns");
            await().atMost(Duration.ofSeconds(60)).until(() -> replica.get("/readyz").statusCode() == 200);
            replica.awaitReady();

            try (Producer<String> producer = Inputs.producer(pulsar, in)) {
                Inputs.publish(producer, 0, 3);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.metric("magnetar_messages_processed_total") == 3);
            String metrics = replica.get("/metrics").body();
            assertThat(metrics).contains("magnetar_messages_received_total{function=\"" + tenant + "/ns/"
                    + function.getMetadata().getName() + "\",instance=\"0\"} 3.0");
            assertThat(metrics).contains("magnetar_messages_failed_total", "magnetar_process_latency_seconds_bucket",
                    "magnetar_invoke_direct_total", "magnetar_messages_in_flight");
            assertThat(replica.metric("magnetar_invoke_direct_total")).as("the two /invoke calls").isEqualTo(2);
        }
    }

    /** At concurrency 1 the function runs on the receiver thread: SIGTERM must not interrupt it either. */
    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 4})
    void sigtermFinishesTheInFlightMessagesAndExitsZero(int concurrency, EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("term-in");
        String out = pulsar.uniqueTopic("term-out");
        Function function = Definitions.define(Inputs.uniqueName("term"), SlowFunction.class, FixtureJar.path(), in, out);
        function.getSpec().setConcurrency(concurrency);
        function.getSpec().setUserConfig(Map.of("sleepMs", 2_000));
        String subscription = ResolvedFunction.of(function).subscriptionName();

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady();
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            Inputs.publish(producer, 0, concurrency);
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.metric("magnetar_messages_in_flight") == concurrency);
            assertThat(output.distinct()).as("nothing finished before SIGTERM").isZero();

            assertThat(replica.terminate()).as("exit code after SIGTERM").isZero();
            assertThat(java.nio.file.Files.readString(replica.log())).contains("SIGTERM received")
                    .contains("All in-flight messages finished");

            await().atMost(Duration.ofSeconds(30)).until(() -> output.distinct() == concurrency);
            assertThat(output.values()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, concurrency).mapToObj(i -> "m-" + i).toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
        }
    }

    @Test
    void aReplicaStopsWhenItsParentProcessExits(EmbeddedPulsar pulsar) throws Exception {
        Function function = Definitions.define(Inputs.uniqueName("orphan"), PoisonFunction.class, FixtureJar.path(),
                pulsar.uniqueTopic("orphan-in"), pulsar.uniqueTopic("orphan-out"));
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0, 0,
                List.of("--parent-pid", Long.toString(parent.pid()))).awaitReady()) {
            parent.destroyForcibly().waitFor();

            ProcessHandle handle = ProcessHandle.of(replica.pid()).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> !handle.isAlive());
            assertThat(java.nio.file.Files.readString(replica.log())).contains("Parent process " + parent.pid() + " exited");
        } finally {
            parent.destroyForcibly();
        }
    }
}
