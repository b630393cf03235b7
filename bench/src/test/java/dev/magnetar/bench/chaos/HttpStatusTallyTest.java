package dev.magnetar.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpStatusTallyTest {

    @Test
    void countsTheExpectedStatusesEachAndTheRestTogetherWithNoAnswerApart() {
        List<GatewayCall> calls = List.of(call(200), call(200), call(503), call(504), call(429), call(500), call(500),
                call(GatewayCall.NO_ANSWER));

        HttpStatusTally tally = HttpStatusTally.of(calls);

        assertThat(tally).isEqualTo(new HttpStatusTally(2, 1, 1, 1, 2, 1, Map.of(500, 2L)));
        assertThat(tally.other()).isEqualTo(3);
        assertThat(tally.total()).isEqualTo(8);
    }

    private static GatewayCall call(int status) {
        return new GatewayCall(0, 1, status);
    }
}
