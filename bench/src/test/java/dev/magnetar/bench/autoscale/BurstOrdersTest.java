package dev.magnetar.bench.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BurstOrdersTest {

    @Test
    void anOrderIsJsonWithItsNumberAsId() {
        assertThat(new String(BurstOrders.order(7), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"7\",\"customer\":\"globex\"}");
    }

    @Test
    void theNumberIsReadBackFromTheEnrichedOrder() {
        assertThat(BurstOrders.number(bytes("{\"id\":\"49999\",\"customer\":\"acme\",\"tier\":\"gold\"}")))
                .isEqualTo(49_999);
        assertThat(BurstOrders.number(BurstOrders.order(0))).isZero();
    }

    @Test
    void anOutputWithoutANumberedIdHasNone() {
        assertThat(BurstOrders.number(bytes("{\"customer\":\"acme\"}"))).isEqualTo(-1);
        assertThat(BurstOrders.number(bytes("{\"id\":\"\",\"customer\":\"acme\"}"))).isEqualTo(-1);
        assertThat(BurstOrders.number(bytes("{\"id\":\"o-1\"}"))).isEqualTo(-1);
        assertThat(BurstOrders.number(bytes("{\"id\":\"12"))).isEqualTo(-1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
