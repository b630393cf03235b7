package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.loop.FunctionLoop;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.time.Duration;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * At-least-once when a replica dies: SIGKILL one of three replicas in the middle of a 100,000-message stream. Every
 * input still comes out (the dead replica's unacked messages go to the others), the duplicates stay within what the
 * dead replica held unacknowledged, the backlog drains, and the replica started again in its place takes its share.
 * (That the supervisor restarts a killed replica and counts it: {@code LocalReplicasIT} in the local module.)
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class ReplicaKillIT {
    private static final int MESSAGES = 100_000;
    /** Streamed around the kill; the rest once the replica is back, so it has its share to take. */
    private static final int BEFORE_RESTART = 40_000;
    /** Well below what the replicas can take, so the stream is still flowing when the kill comes. */
    private static final int RATE_PER_SECOND = 5_000;
    private static final int CONCURRENCY = 4;

    @Test
    void nothingIsLostAndDuplicatesStayWithinTheKilledReplicasUnackedMessages(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("kill-in");
        String out = pulsar.uniqueTopic("kill-out");
        Function function = Definitions.define(Inputs.uniqueName("kill"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), in, out);
        function.getSpec().setReplicas(3);
        function.getSpec().setConcurrency(CONCURRENCY);
        ResolvedFunction resolved = ResolvedFunction.of(function);
        int duplicateBound = FunctionLoop.maxUnacknowledged(resolved, false);

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess victim = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0);
             ReplicaProcess second = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1);
             ReplicaProcess third = ReplicaProcess.launch(function, pulsar.serviceUrl(), 2);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            victim.awaitReady();
            second.awaitReady();
            third.awaitReady();
            long started = System.nanoTime();
            PacedStream stream = PacedStream.start(producer, 0, BEFORE_RESTART, RATE_PER_SECOND);

            // Kill once the victim is busy and most of the stream is still to come.
            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= BEFORE_RESTART / 8);
            double victimProcessed = victim.metric("magnetar_messages_processed_total");
            victim.kill();
            int seenAtKill = output.distinct();
            assertThat(stream.isRunning()).as("the stream was still running at the kill").isTrue();
            stream.join();
            // What the supervisor does after a crash: the same instance starts again and rejoins the subscription.
            try (ReplicaProcess restarted = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0)) {
                restarted.awaitReady();
                Inputs.publish(producer, BEFORE_RESTART, MESSAGES);

                await().atMost(Duration.ofMinutes(2)).until(() -> output.distinct() == MESSAGES);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(output.missingExclamations(MESSAGES)).as("inputs without an output").isEmpty();
                await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, resolved.subscriptionName()) == 0);
                double restartedProcessed = restarted.metric("magnetar_messages_processed_total");
                System.out.printf("ReplicaKillIT: %d messages through 3 replicas in %d ms (a restart included); killed"
                        + " replica 0 after %.0f processed (%d outputs seen); replicas 1 and 2 processed %.0f and %.0f,"
                        + " replica 0 restarted %.0f; %d duplicates (bound %d), 0 lost%n", MESSAGES, millis,
                        victimProcessed, seenAtKill, second.metric("magnetar_messages_processed_total"),
                        third.metric("magnetar_messages_processed_total"), restartedProcessed, output.duplicates(),
                        duplicateBound);
                assertThat(victimProcessed).as("the victim had processed a share before it died").isPositive();
                assertThat(output.duplicates()).as("duplicates: at most the killed replica's unacknowledged messages")
                        .isLessThanOrEqualTo(duplicateBound);
                assertThat(restartedProcessed).as("the restarted replica's share").isPositive();
            }
        }
    }
}
