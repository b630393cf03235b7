package dev.magnetar.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.MessageProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {
    @Test
    void aMessageWithoutReplyTopicIsAPlainEvent() {
        Request request = Request.of(Map.of(MessageProperties.CORRELATION_ID, "c1"));
        assertThat(request.wantsReply()).isFalse();
        assertThat(request.hasDeadline()).isFalse();
        assertThat(request.expired(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aMessageWithoutPropertiesIsAPlainEvent() {
        Request request = Request.of(Map.of());
        assertThat(request.wantsReply()).isFalse();
        assertThat(request.hasDeadline()).isFalse();
        assertThat(request.correlationId()).isNull();
    }

    @Test
    void expiresOnlyAfterItsDeadline() {
        Request request = Request.of(Map.of(MessageProperties.REPLY_TO, "t", MessageProperties.CORRELATION_ID, "c1",
                MessageProperties.DEADLINE, "1000"));
        assertThat(request.wantsReply()).isTrue();
        assertThat(request.hasDeadline()).isTrue();
        assertThat(request.expired(999)).isFalse();
        assertThat(request.expired(1000)).isFalse();
        assertThat(request.expired(1001)).isTrue();
    }

    @Test
    void ignoresAMalformedDeadline() {
        assertThat(Request.of(Map.of(MessageProperties.DEADLINE, "soon")).hasDeadline()).isFalse();
        assertThat(Request.of(Map.of(MessageProperties.DEADLINE, "soon")).expired(Long.MAX_VALUE)).isFalse();
    }
}
