package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Whatever a caller's properties and a reply's properties hold, a request carries this gateway's correlation id,
 * reply topic and deadline, and a reply reads as ok or as an error with a message.
 */
class RequestPropertiesFuzzTest {
    private static final String[] NAMES = {MessageProperties.CORRELATION_ID, MessageProperties.REPLY_TO,
            MessageProperties.DEADLINE, MessageProperties.CONTENT_TYPE, MessageProperties.TRACEPARENT,
            MessageProperties.STATUS, MessageProperties.ERROR};

    @FuzzTest(maxDuration = "60s")
    void aCallerCannotOverrideTheProtocolProperties(FuzzedDataProvider data) {
        Map<String, String> extra = properties(data);
        String contentType = data.consumeBoolean() ? null : data.consumeString(32);
        long deadline = data.consumeLong();

        Map<String, String> properties = RequestProperties.build("id-1", "reply-topic", deadline, contentType, extra);

        assertThat(properties).containsEntry(MessageProperties.CORRELATION_ID, "id-1")
                .containsEntry(MessageProperties.REPLY_TO, "reply-topic")
                .containsEntry(MessageProperties.DEADLINE, Long.toString(deadline))
                .doesNotContainKey(null).doesNotContainValue(null);
        if (contentType == null || contentType.isBlank()) {
            assertThat(properties).doesNotContainKey(MessageProperties.CONTENT_TYPE);
        } else {
            assertThat(properties).containsEntry(MessageProperties.CONTENT_TYPE, contentType);
        }

        Reply reply = Reply.fromMessage(properties, data.consumeRemainingAsBytes());
        assertThat(reply.body()).isNotNull();
        if (reply.status() == ReplyStatus.ERROR) {
            assertThat(reply.error()).isNotBlank();
        }
    }

    /** Names from the protocol and others, values possibly null, as a caller's map may hold them. */
    private static Map<String, String> properties(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeBoolean() ? null : data.consumeString(16);
            map.put(name, data.consumeBoolean() ? null : data.consumeString(32));
        }
        return map;
    }
}
