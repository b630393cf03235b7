package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded broker bound to loopback (the default) is reachable from this machine only: no socket of its JVM, be it
 * the broker's, ZooKeeper's, the bookie's or the table service's, listens on a wildcard or another address.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class BrokerListenersIT {

    @Test
    void everyListeningSocketOfTheBrokerJvmIsOnLoopback(EmbeddedPulsar pulsar) throws Exception {
        assumeTrue(ListeningSockets.supported(), "reads the sockets of a process from Linux's /proc");
        List<InetSocketAddress> listening = ListeningSockets.of(pulsar.broker().pid());

        assertThat(listening).as("listening sockets of the broker JVM")
                .extracting(InetSocketAddress::getPort)
                .contains(port(pulsar.serviceUrl()), port(pulsar.adminUrl()), port(pulsar.tlsServiceUrl()),
                        port(pulsar.tlsAdminUrl()), port(pulsar.stateStorageUrl()));
        // Broker, web, their TLS twins, ZooKeeper, bookie, table service.
        assertThat(listening).as("listening sockets of the broker JVM").hasSizeGreaterThanOrEqualTo(7);
        assertThat(listening).as("listening sockets of the broker JVM")
                .allSatisfy(socket -> assertThat(socket.getAddress().isLoopbackAddress())
                        .as("%s listens on loopback", socket).isTrue());
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }
}
