package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CallRecordCodecTest {

    @Test
    void aPendingCallReadsBackAsWritten() {
        CallRecord call = CallRecord.accepted("id-1", "acme", "fns", "greet", 1_000, 2_000, "http://127.0.0.1:9/cb");

        CallRecord read = CallRecordCodec.decode(CallRecordCodec.encode(call));

        assertThat(read).isEqualTo(call);
        assertThat(read.pending()).isTrue();
        assertThat(read.callback()).isEqualTo(CallRecord.CallbackState.PENDING);
    }

    @Test
    void aFinishedCallKeepsItsBytesAsTheyAre() {
        byte[] body = {0, (byte) 0xff, 'h', (byte) 0xc3};
        CallRecord call = CallRecord.accepted("id-2", "t", "ns", "f", 1_000, 2_000, null)
                .finish(new CallResult(500, "application/json", body, 1_500), 9_000)
                .withCallback(CallRecord.CallbackState.NONE);

        CallRecord read = CallRecordCodec.decode(CallRecordCodec.encode(call));

        assertThat(read.result().body()).containsExactly(body);
        assertThat(read.result().status()).isEqualTo(500);
        assertThat(read.result().contentType()).isEqualTo("application/json");
        assertThat(read.result().finishedAt()).isEqualTo(1_500);
        assertThat(read.expiresAt()).isEqualTo(9_000);
        assertThat(read.callbackUrl()).isNull();
        assertThat(read.durationSeconds()).isEqualTo(0.5);
    }

    @Test
    void somethingElseIsNoRecord() {
        byte[] written = CallRecordCodec.encode(CallRecord.accepted("id", "t", "ns", "f", 1, 2, null));

        assertThatThrownBy(() -> CallRecordCodec.decode("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallRecordCodec.decode(Arrays.copyOf(written, written.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallRecordCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
