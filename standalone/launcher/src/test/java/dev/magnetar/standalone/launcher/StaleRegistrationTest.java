package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaleRegistrationTest {

    @Test
    void theTableServiceFindingItsKilledPredecessorsRegistrationIsRetried() {
        assertThat(BrokerProcess.staleStateStorageRegistration(new BrokerStartException("embedded broker failed to"
                + " start (exit code 2): the broker could not start: NodeExistsException: KeeperErrorCode = NodeExists"
                + " for /stream/servers/available/127.0.0.1:42225; details in /tmp/x/logs/broker.log"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(BrokerProcess.staleStateStorageRegistration(new BrokerStartException("embedded broker failed to"
                + " start (exit code 2): the broker could not start: NodeExistsException: KeeperErrorCode = NodeExists"
                + " for /ledgers/available/127.0.0.1:3181"))).isFalse();
        assertThat(BrokerProcess.staleStateStorageRegistration(new BrokerStartException("port 6650 is in use")))
                .isFalse();
    }
}
