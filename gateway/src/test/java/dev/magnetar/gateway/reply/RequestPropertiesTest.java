package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.MessageProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPropertiesTest {

    @Test
    void setsTheProtocolProperties() {
        Map<String, String> properties = RequestProperties.build("corr-1", "non-persistent://public/default/r",
                1_700_000_000_000L, "text/plain", Map.of(MessageProperties.TRACEPARENT, "00-abc-def-01"));

        assertThat(properties).containsOnly(
                Map.entry(MessageProperties.CORRELATION_ID, "corr-1"),
                Map.entry(MessageProperties.REPLY_TO, "non-persistent://public/default/r"),
                Map.entry(MessageProperties.DEADLINE, "1700000000000"),
                Map.entry(MessageProperties.CONTENT_TYPE, "text/plain"),
                Map.entry(MessageProperties.TRACEPARENT, "00-abc-def-01"));
    }

    @Test
    void protocolPropertiesWinOverCallerSuppliedOnes() {
        Map<String, String> properties = RequestProperties.build("corr-1", "reply", 5L, null, Map.of(
                MessageProperties.CORRELATION_ID, "spoofed",
                MessageProperties.REPLY_TO, "elsewhere",
                MessageProperties.CONTENT_TYPE, "x/y"));

        assertThat(properties)
                .containsEntry(MessageProperties.CORRELATION_ID, "corr-1")
                .containsEntry(MessageProperties.REPLY_TO, "reply")
                .containsEntry(MessageProperties.DEADLINE, "5")
                .doesNotContainKey(MessageProperties.CONTENT_TYPE);
    }
}
