package dev.magnetar.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void cpuInCores() {
        assertThat(Quantities.cores("500m")).isEqualTo(0.5);
        assertThat(Quantities.cores("2")).isEqualTo(2.0);
        assertThat(Quantities.cores("1.5")).isEqualTo(1.5);
        assertThat(Quantities.cores("lots")).isNull();
    }

    @Test
    void memoryInBytes() {
        assertThat(Quantities.bytes("536870912")).isEqualTo(536_870_912L);
        assertThat(Quantities.bytes("512Mi")).isEqualTo(512L << 20);
        assertThat(Quantities.bytes("1.5Gi")).isEqualTo(3L << 29);
        assertThat(Quantities.bytes("1G")).isEqualTo(1_000_000_000L);
        assertThat(Quantities.bytes("2000m")).as("thousandths of a byte").isEqualTo(2L);
        assertThat(Quantities.bytes("lots")).isNull();
    }

    @Test
    void memoryBeyondALongIsUnreadableNotWrappedAround() {
        assertThat(Quantities.bytes("8388607Ti")).isEqualTo(8_388_607L << 40);
        assertThat(Quantities.bytes("995129999T")).isNull();
        assertThat(Quantities.bytes("99999999999999999999")).isNull();
        assertThat(Quantities.bytes("1e999999999")).isNull();
    }
}
