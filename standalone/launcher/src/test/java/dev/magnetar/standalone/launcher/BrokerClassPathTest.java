package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The broker's ~330 jars (unshaded Netty 4.1, Jetty, Jersey, old Jackson) must never reach this
 * module's class path: the launcher runs them in their own JVM. This fails if the standalone jar,
 * whose manifest Class-Path points into its lib/ directory, lands on a test class path.
 */
class BrokerClassPathTest {

    @Test
    void brokerClassesAreNotVisibleHere() {
        assertThatThrownBy(() -> Class.forName("org.apache.pulsar.PulsarStandalone"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.pulsar.broker.PulsarService"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
