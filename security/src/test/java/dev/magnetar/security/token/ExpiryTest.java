package dev.magnetar.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiryTest {
    @Test
    void readsPulsarsRelativeTimes() {
        assertThat(Expiry.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Expiry.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Expiry.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Expiry.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Expiry.parse("1Y")).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void refusesWhatIsNotAPositiveTime() {
        for (String bad : new String[] {"", "d", "0d", "-1h", "1x", "9999999999999999999d"}) {
            assertThatThrownBy(() -> Expiry.parse(bad)).hasMessageContaining("expiry time '" + bad + "'");
        }
    }
}
