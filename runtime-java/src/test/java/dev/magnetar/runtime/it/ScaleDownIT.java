package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pulsar.client.api.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Graceful scale-down from three replicas to one in the middle of a stream: the two stopped with SIGTERM finish what
 * they hold and exit 0 within the grace period standalone gives them; nothing is lost, and a message comes out twice
 * only if a replica had to leave it unfinished.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class ScaleDownIT {
    private static final int MESSAGES = 40_000;
    /** Well below what the replicas can take, so the stream is still flowing when the scale-down comes. */
    private static final int RATE_PER_SECOND = 5_000;
    /** Standalone's default stop grace (ReplicaConfig.stopGrace); its replicas drain for 2 s less. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration DRAIN = GRACE.minusSeconds(2);
    private static final Pattern LEFT_IN_FLIGHT = Pattern.compile("(\\d+) messages still in flight after");

    @Test
    void scalingFromThreeToOneLosesNothingAndEachStoppedReplicaExitsWithinItsGrace(EmbeddedPulsar pulsar)
            throws Exception {
        String in = pulsar.uniqueTopic("down-in");
        String out = pulsar.uniqueTopic("down-out");
        Function function = Definitions.define(Inputs.uniqueName("down"), Definitions.EXCLAMATION_CLASS,
                Definitions.exclamationJar(), in, out);
        function.getSpec().setReplicas(3);
        String subscription = ResolvedFunction.of(function).subscriptionName();
        List<String> drain = List.of("--drain-timeout-ms", Long.toString(DRAIN.toMillis()));

        try (OutputCollector output = OutputCollector.on(pulsar.client(), out);
             ReplicaProcess stays = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0, 0, drain);
             ReplicaProcess first = ReplicaProcess.launch(function, pulsar.serviceUrl(), 1, 0, drain);
             ReplicaProcess second = ReplicaProcess.launch(function, pulsar.serviceUrl(), 2, 0, drain);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            stays.awaitReady();
            first.awaitReady();
            second.awaitReady();
            PacedStream stream = PacedStream.start(producer, 0, MESSAGES, RATE_PER_SECOND);

            await().atMost(Duration.ofMinutes(1)).until(() -> output.distinct() >= MESSAGES / 10);
            double inFlightAtStop = first.metric("magnetar_messages_in_flight") + second.metric("magnetar_messages_in_flight");
            CompletableFuture<Stopped> firstStop = Stopped.afterSigterm(first);
            CompletableFuture<Stopped> secondStop = Stopped.afterSigterm(second);
            assertThat(stream.isRunning()).as("the stream was still running at SIGTERM").isTrue();
            Stopped firstStopped = firstStop.get(GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
            Stopped secondStopped = secondStop.get(GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
            stream.join();

            await().atMost(Duration.ofMinutes(2)).until(() -> output.distinct() == MESSAGES);
            assertThat(output.missingExclamations(MESSAGES)).as("inputs without an output").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> Inputs.backlog(pulsar, in, subscription) == 0);
            int leftUnfinished = leftInFlight(first) + leftInFlight(second);
            System.out.printf("ScaleDownIT: 3 -> 1 replicas during %d messages; %.0f in flight at SIGTERM, replicas"
                    + " exited %d ms and %d ms after it (grace %d ms), %d left unfinished, %d duplicates, 0 lost%n",
                    MESSAGES, inFlightAtStop, firstStopped.millis(), secondStopped.millis(), GRACE.toMillis(),
                    leftUnfinished, output.duplicates());
            for (Stopped stopped : List.of(firstStopped, secondStopped)) {
                assertThat(stopped.exitCode()).as("exit code after SIGTERM: drained, not killed").isZero();
                assertThat(stopped.millis()).as("time from SIGTERM to exit").isLessThan(GRACE.toMillis());
            }
            assertThat(output.duplicates()).as("duplicates: at most what the stopped replicas left unfinished")
                    .isLessThanOrEqualTo(leftUnfinished);
            assertThat(stays.isAlive()).isTrue();
        }
    }

    /** How a replica ended after SIGTERM, and how long after. */
    private record Stopped(int exitCode, long millis) {
        static CompletableFuture<Stopped> afterSigterm(ReplicaProcess replica) {
            long sent = System.nanoTime();
            return replica.sigterm().thenApply(exit -> new Stopped(exit, (System.nanoTime() - sent) / 1_000_000));
        }
    }

    /** What the replica reported still in flight when its drain time was up (0 when it finished everything). */
    private static int leftInFlight(ReplicaProcess replica) throws IOException {
        String log = replica.output();
        assertThat(log).as("the drain's report in " + replica.log()).containsAnyOf("All in-flight messages finished",
                "messages still in flight after");
        Matcher left = LEFT_IN_FLIGHT.matcher(log);
        return left.find() ? Integer.parseInt(left.group(1)) : 0;
    }
}
