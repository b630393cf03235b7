package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void addressesAreReadAsLinuxWritesThem() throws Exception {
        assertThat(ListeningSockets.address("0100007F:1F90")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(ListeningSockets.address("00000000:0885").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F:1F90"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(ListeningSockets.address("00000000000000000000000000000000:0885").getAddress().isAnyLocalAddress())
                .isTrue();
        assertThat(ListeningSockets.address("00000000000000000000000001000000:0885").getAddress().isLoopbackAddress())
                .isTrue();
    }
}
