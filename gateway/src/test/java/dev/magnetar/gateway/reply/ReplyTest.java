package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.protocol.MessageProperties;
import dev.magnetar.api.protocol.ReplyStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void readsAnOkReply() {
        Reply reply = Reply.fromMessage(Map.of(MessageProperties.STATUS, "ok",
                MessageProperties.CONTENT_TYPE, "text/plain"), "HI".getBytes());

        assertThat(reply.status()).isEqualTo(ReplyStatus.OK);
        assertThat(reply.body()).asString().isEqualTo("HI");
        assertThat(reply.contentType()).isEqualTo("text/plain");
        assertThat(reply.error()).isNull();
    }

    @Test
    void readsAnErrorReplyWithItsMessage() {
        Reply reply = Reply.fromMessage(Map.of(MessageProperties.STATUS, "error",
                MessageProperties.ERROR, "boom"), null);

        assertThat(reply.status()).isEqualTo(ReplyStatus.ERROR);
        assertThat(reply.error()).isEqualTo("boom");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void aReplyWithoutStatusIsAnErrorThatSaysSo() {
        Reply reply = Reply.fromMessage(Map.of(), new byte[0]);

        assertThat(reply.status()).isEqualTo(ReplyStatus.ERROR);
        assertThat(reply.error()).contains(MessageProperties.STATUS);
    }
}
