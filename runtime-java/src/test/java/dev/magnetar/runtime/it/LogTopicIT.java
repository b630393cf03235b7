package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.LoggingFunction;
import dev.magnetar.runtime.logging.LogTopicAppender;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/** spec.logTopic: what the function logs through its Context logger is published there by a real replica. */
@ExtendWith(EmbeddedPulsarExtension.class)
class LogTopicIT {

    @Test
    void theFunctionsLogLinesArePublishedWithLevelFunctionAndInstance(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("log-in");
        String logs = pulsar.uniqueTopic("log-lines");
        String name = Inputs.uniqueName("logging");
        Function function = Definitions.define(name, LoggingFunction.class, FixtureJar.path(), in, null);
        function.getSpec().setLogTopic(logs);

        try (Consumer<byte[]> logLines = pulsar.client().newConsumer().topic(logs).subscriptionName("reader")
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
             ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 2);
             Producer<String> producer = Inputs.producer(pulsar, in)) {
            replica.awaitReady();
            producer.send("hello");

            Message<byte[]> started = logLines.receive(30, TimeUnit.SECONDS);
            assertThat(started).as("the line logged by initialize()").isNotNull();
            assertThat(new String(started.getValue(), StandardCharsets.UTF_8)).isEqualTo("initialized instance 2");
            assertThat(started.getProperty(LogTopicAppender.LEVEL)).isEqualTo("INFO");

            Message<byte[]> processing = logLines.receive(30, TimeUnit.SECONDS);
            assertThat(processing).as("the line logged by process()").isNotNull();
            assertThat(new String(processing.getValue(), StandardCharsets.UTF_8)).isEqualTo("processing hello");
            assertThat(processing.getProperty(LogTopicAppender.LEVEL)).isEqualTo("WARN");
            assertThat(processing.getProperty(LogTopicAppender.FUNCTION)).isEqualTo("public/default/" + name);
            assertThat(processing.getProperty(LogTopicAppender.INSTANCE)).isEqualTo("2");
        }
    }

    @Test
    void aLogTopicThatCannotBeOpenedStopsTheReplicaNamingIt(EmbeddedPulsar pulsar) throws Exception {
        String logs = "persistent://no-such-tenant-" + Inputs.uniqueName("t") + "/ns/logs";
        Function function = Definitions.define(Inputs.uniqueName("logging"), LoggingFunction.class, FixtureJar.path(),
                pulsar.uniqueTopic("log-in"), null);
        function.getSpec().setLogTopic(logs);

        try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0)) {
            assertThat(replica.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(replica.output()).contains("cannot publish to the log topic " + logs, "spec.logTopic");
        }
    }
}
