package dev.magnetar.state.bookkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.bookkeeper.stream.proto.common.Endpoint;
import org.junit.jupiter.api.Test;

class LocalTableServiceTest {
    private static final Endpoint REGISTERED = Endpoint.newBuilder().setHostname("192.168.1.20").setPort(4181).build();

    @Test
    void aLoopbackServiceUrlReachesEveryContainerOnItsOwnHost() {
        assertThat(LocalTableService.endpointResolver("bk://127.0.0.1:4181").resolve(REGISTERED))
                .isEqualTo(Endpoint.newBuilder().setHostname("127.0.0.1").setPort(4181).build());
        assertThat(LocalTableService.loopbackHost("bk://localhost:4181")).isEqualTo("localhost");
    }

    @Test
    void anyOtherServiceUrlReachesContainersWhereTheyAreRegistered() {
        assertThat(LocalTableService.endpointResolver("bk://192.168.1.20:4181").resolve(REGISTERED))
                .isEqualTo(REGISTERED);
        assertThat(LocalTableService.loopbackHost("bk://bookie-0.bookie:4181,bookie-1.bookie:4181")).isNull();
        assertThat(LocalTableService.loopbackHost("not a url")).isNull();
    }
}
