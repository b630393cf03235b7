package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadyCountTest {

    @Test
    void countsReadyInstancesOnly() {
        String status = "{\"numInstances\":3,\"instances\":[{\"ready\":true},{\"ready\" : true},{\"ready\":false}]}";
        assertThat(ReadyCount.of(status)).isEqualTo(2);
        assertThat(ReadyCount.of("{}")).isZero();
    }
}
