package dev.magnetar.local;

import static dev.magnetar.local.RealRuntime.WAIT;
import static dev.magnetar.local.RealRuntime.alive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm pool with the real runtime and the embedded broker: a replica that starts takes a warm JVM, which then
 * serves as its replica and never another function's; the pool refills; a function with variables of its own, or a
 * pool of size 0, boots a JVM as before; closing leaves no JVM of the pool running.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class WarmPoolIT {
    @TempDir
    Path dataDir;
    LocalReplicas replicas;
    final EmbeddedPulsar pulsar;

    WarmPoolIT(EmbeddedPulsar pulsar) {
        this.pulsar = pulsar;
    }

    @AfterEach
    void stop() {
        if (replicas != null) {
            replicas.close();
        }
    }

    private LocalReplicas start(int poolSize) {
        replicas = new LocalReplicas(RealRuntime.settings(dataDir, pulsar.serviceUrl(), poolSize), RealRuntime.limits());
        return replicas;
    }

    /** Waits for a warm JVM in the pool that is none of {@code notThese}; its pid. */
    private long awaitWarm(List<Long> notThese) {
        return await().atMost(WAIT).until(() -> replicas.pool().warmMembers().stream().map(PooledRuntime::pid)
                .filter(pid -> !notThese.contains(pid)).findFirst().orElse(-1L), pid -> pid > 0);
    }

    private InstanceStatus run(Function function) {
        replicas.apply(function, ResolvedFunction.of(function));
        String fqfn = "public/default/" + function.getMetadata().getName();
        return await().atMost(WAIT).until(() -> RealRuntime.readyReplica(replicas, fqfn).orElse(null),
                status -> status != null);
    }

    @Test
    void aStartingReplicaTakesTheWarmJvmWhichServesAsItsReplicaAndThePoolRefills() throws Exception {
        start(1);
        long warm = awaitWarm(List.of());
        String in = pulsar.uniqueTopic("pool-in");
        String out = pulsar.uniqueTopic("pool-out");

        InstanceStatus replica = run(RealRuntime.exclamation("pooled", in, out));

        assertThat(replica.pid()).as("the replica is the JVM that was warm").isEqualTo(warm);
        assertThat(exclaim(in, out, "hello")).isEqualTo("hello!");
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + replica.httpPort() + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as("its HTTP port, read from its ready line").isEqualTo(200);
        assertThat(dataDir.resolve("logs/public.default.pooled-0.log")).content()
                .contains("replica 0 of public/default/pooled, from the warm pool (pid " + warm + ")")
                .contains(RuntimeLaunch.READY);
        assertThat(dataDir.resolve("logs/warm-pool.log")).content().contains(RuntimeLaunch.WAITING)
                .doesNotContain(RuntimeLaunch.READY);
        long refilled = awaitWarm(List.of(warm));
        assertThat(refilled).isNotEqualTo(warm);
        assertThat(RealRuntime.readyReplica(replicas, "public/default/pooled")).get()
                .extracting(InstanceStatus::pid).isEqualTo(warm);
    }

    @Test
    void aJvmOfThePoolRunsOneFunctionOnlyAndEndsWithIt() throws Exception {
        start(1);
        long first = awaitWarm(List.of());
        String inA = pulsar.uniqueTopic("a-in");
        String outA = pulsar.uniqueTopic("a-out");
        assertThat(run(RealRuntime.exclamation("a", inA, outA)).pid()).isEqualTo(first);
        long second = awaitWarm(List.of(first));
        String inB = pulsar.uniqueTopic("b-in");
        String outB = pulsar.uniqueTopic("b-out");

        InstanceStatus b = run(RealRuntime.exclamation("b", inB, outB));

        assertThat(b.pid()).isEqualTo(second).isNotEqualTo(first);
        replicas.remove("public/default/a");
        await().atMost(WAIT).until(() -> !alive(first));
        long third = awaitWarm(List.of(first, second));
        assertThat(replicas.pool().members()).extracting(PooledRuntime::pid).doesNotContain(first, second);
        assertThat(third).isNotIn(first, second);
        assertThat(exclaim(inB, outB, "still b")).isEqualTo("still b!");
        assertThat(RealRuntime.readyReplica(replicas, "public/default/b")).get().extracting(InstanceStatus::pid)
                .isEqualTo(second);
    }

    @Test
    void aFunctionWithVariablesOfItsOwnBootsItsOwnJvmAndLeavesTheWarmOneWaiting() throws Exception {
        start(1);
        long warm = awaitWarm(List.of());
        Function withEnv = RealRuntime.exclamation("with-env", pulsar.uniqueTopic("env-in"), pulsar.uniqueTopic("env-out"));
        withEnv.getSpec().setEnv(Map.of("GREETING", "hello"));

        InstanceStatus replica = run(withEnv);

        assertThat(replica.pid()).isNotEqualTo(warm);
        assertThat(RealRuntime.arguments(replica.pid())).contains(Option.FUNCTION_FILE.flag())
                .doesNotContain(Option.ASSIGNMENT.flag());
        assertThat(replicas.pool().warmMembers()).extracting(PooledRuntime::pid).containsExactly(warm);
    }

    @Test
    void withAPoolOfSizeZeroEveryReplicaBootsItsOwnJvm() throws Exception {
        start(0);
        String in = pulsar.uniqueTopic("nopool-in");
        String out = pulsar.uniqueTopic("nopool-out");

        InstanceStatus replica = run(RealRuntime.exclamation("no-pool", in, out));

        assertThat(RealRuntime.arguments(replica.pid())).contains(Option.FUNCTION_FILE.flag());
        assertThat(exclaim(in, out, "plain")).isEqualTo("plain!");
        assertThat(replicas.pool().size()).isZero();
        assertThat(RealRuntime.pooledChildren()).isEmpty();
        assertThat(dataDir.resolve("logs/warm-pool.log")).doesNotExist();
    }

    @Test
    void closeLeavesNoJvmOfThePoolRunning() {
        start(2);
        long first = awaitWarm(List.of());
        long replica = run(RealRuntime.exclamation("closing", pulsar.uniqueTopic("close-in"),
                pulsar.uniqueTopic("close-out"))).pid();
        awaitWarm(List.of(first));
        List<Long> pool = new ArrayList<>(replicas.pool().members().stream().map(PooledRuntime::pid).toList());
        assertThat(pool).isNotEmpty().doesNotContain(replica);

        replicas.close();

        assertThat(pool).noneMatch(RealRuntime::alive);
        assertThat(alive(replica)).isFalse();
        assertThat(RealRuntime.pooledChildren()).isEmpty();
    }

    /** Publishes {@code text} to {@code input} and returns what the function put on {@code output}. */
    private String exclaim(String input, String output, String text) throws Exception {
        try (Consumer<byte[]> consumer = pulsar.client().newConsumer(Schema.BYTES).topic(output)
                .subscriptionName("test-" + System.nanoTime()).subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer(Schema.BYTES).topic(input).create()) {
            producer.send(text.getBytes(StandardCharsets.UTF_8));
            Message<byte[]> message = consumer.receive((int) WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("an output within %s", WAIT).isNotNull();
            return new String(message.getData(), StandardCharsets.UTF_8);
        }
    }
}
