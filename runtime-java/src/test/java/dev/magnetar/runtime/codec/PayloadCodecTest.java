package dev.magnetar.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {
    record Order(String id, int quantity) {
    }

    @Test
    void decodesStringsAsUtf8AndBytesAsTheyAre() {
        byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
        assertThat(new PayloadCodec(String.class).decode(bytes)).isEqualTo("héllo");
        assertThat(new PayloadCodec(byte[].class).decode(bytes)).isSameAs(bytes);
        assertThat(new PayloadCodec(ByteBuffer.class).decode(bytes)).isEqualTo(ByteBuffer.wrap(bytes));
    }

    @Test
    void decodesJsonIntoTheDeclaredTypeIgnoringUnknownFields() {
        byte[] json = "{\"id\":\"o-1\",\"quantity\":3,\"extra\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(new PayloadCodec(Order.class).decode(json)).isEqualTo(new Order("o-1", 3));
        assertThat(new PayloadCodec(Map.class).decode(json)).isEqualTo(Map.of("id", "o-1", "quantity", 3, "extra", true));
    }

    @Test
    void explainsInputThatIsNotJson() {
        assertThatThrownBy(() -> new PayloadCodec(Order.class).decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PayloadException.class).hasMessageContaining("the input is not JSON for")
                .hasMessageContaining("Order");
    }

    @Test
    void encodesByTheResultsOwnType() {
        PayloadCodec codec = new PayloadCodec(String.class);
        assertThat(codec.encode("hi!")).satisfies(p -> {
            assertThat(new String(p.bytes(), StandardCharsets.UTF_8)).isEqualTo("hi!");
            assertThat(p.contentType()).isEqualTo(Payload.TEXT);
        });
        assertThat(codec.encode(new byte[] {1, 2}).contentType()).isEqualTo(Payload.BINARY);
        assertThat(codec.encode(ByteBuffer.wrap(new byte[] {7})).bytes()).containsExactly(7);
        Payload json = codec.encode(new Order("o-2", 1));
        assertThat(new String(json.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-2\",\"quantity\":1}");
        assertThat(json.contentType()).isEqualTo(Payload.JSON);
        assertThat(codec.encode(List.of(1, 2)).bytes()).asString().isEqualTo("[1,2]");
        assertThat(codec.encode(null)).isNull();
    }
}
