package dev.magnetar.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.KeyValue;
import org.junit.jupiter.api.Test;

/** What a waiting caller gets for a result: the body and its content type, by the schema it is published with. */
class PayloadTest {
    public static class Receipt {
        public String orderId = "o-1";
        public double total = 7.5;
    }

    private static String body(Payload payload) {
        return new String(payload.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void textBytesAndJsonAnswerAsBefore() {
        assertThat(body(Payload.of("hello!", Schema.STRING))).isEqualTo("hello!");
        assertThat(Payload.of("hello!", Schema.STRING).contentType()).isEqualTo(Payload.TEXT);
        assertThat(Payload.of(new byte[] {1, 2}, Schema.BYTES).bytes()).containsExactly(1, 2);
        assertThat(Payload.of(new byte[] {1, 2}, Schema.BYTES).contentType()).isEqualTo(Payload.BINARY);
    }

    @Test
    void avroPrimitivesAndKeyValuesAnswerAsJson() {
        Payload avro = Payload.of(new Receipt(), Schema.AVRO(Receipt.class));
        assertThat(avro.contentType()).isEqualTo(Payload.JSON);
        assertThat(body(avro)).isEqualTo("{\"orderId\":\"o-1\",\"total\":7.5}");
        assertThat(body(Payload.of(49, Schema.INT32))).isEqualTo("49");
        assertThat(body(Payload.of(new KeyValue<>("apples", 42),
                Schema.KeyValue(Schema.STRING, Schema.INT32)))).isEqualTo("{\"key\":\"apples\",\"value\":42}");
    }

    @Test
    void protobufAnswersInItsOwnBytes() {
        Payload proto = Payload.of(StringValue.of("pb"), Schema.PROTOBUF(StringValue.class));

        assertThat(proto.contentType()).isEqualTo(Payload.PROTOBUF);
        assertThat(proto.bytes()).isEqualTo(StringValue.of("pb").toByteArray());
    }
}
