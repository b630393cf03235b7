package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks to a real HTTP server on loopback, with short delays; each outcome is awaited, not timed. */
class CallbackDeliveryTest {
    private static final long WAIT_SECONDS = 30;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CallbackServer server;
    private CallbackDelivery delivery;

    @BeforeEach
    void start() throws Exception {
        server = CallbackServer.start();
        delivery = delivery(new CallbackSchedule(3, Duration.ofMillis(20), Duration.ofMillis(40)),
                CallbackHosts.LOOPBACK);
    }

    @AfterEach
    void stop() {
        server.close();
        timer.shutdownNow();
    }

    @Test
    void theResultIsPostedWithTheCallsHeaders() throws Exception {
        CallRecord call = finished("call-1", server.url("/hook"), 200, "text/plain", "HELLO");

        assertThat(delivery.deliver(call).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CallRecord.CallbackState.DELIVERED);

        CallbackServer.Received post = server.received().get(0);
        assertThat(post.path()).isEqualTo("/hook");
        assertThat(post.text()).isEqualTo("HELLO");
        assertThat(post.header("X-Call-Id")).isEqualTo("call-1");
        assertThat(post.header("X-Function-Status")).isEqualTo("200");
        assertThat(post.header("X-Duration-Seconds")).isEqualTo("0.250000");
        assertThat(post.header("X-Function-Name")).isEqualTo("t/ns/f");
        assertThat(post.header("Content-Type")).isEqualTo("text/plain");
        assertThat(registry.counter("magnetar.gateway.async.callback.delivered").count()).isEqualTo(1);
    }

    @Test
    void aReceiverThatFailsTwiceGetsItOnTheThirdAttempt() throws Exception {
        server.failNext(2);

        assertThat(delivery.deliver(finished("call-2", server.url("/hook"), 200, "text/plain", "x"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CallRecord.CallbackState.DELIVERED);

        assertThat(server.received()).extracting(CallbackServer.Received::answered).containsExactly(503, 503, 200);
        assertThat(registry.counter("magnetar.gateway.async.callback.retried").count()).isEqualTo(2);
        assertThat(registry.counter("magnetar.gateway.async.callback.delivered").count()).isEqualTo(1);
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheAttempts() throws Exception {
        server.failNext(10);

        assertThat(delivery.deliver(finished("call-3", server.url("/hook"), 500, "application/json", "{}"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CallRecord.CallbackState.FAILED);

        assertThat(server.received()).hasSize(3);
        assertThat(registry.counter("magnetar.gateway.async.callback.failed").count()).isEqualTo(1);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server.answerWith(404);

        assertThat(delivery.deliver(finished("call-4", server.url("/gone"), 200, "text/plain", "x"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CallRecord.CallbackState.FAILED);

        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aReceiverThatIsNotListeningIsRetriedThenGivenUp() throws Exception {
        String url = server.url("/hook");
        server.close();

        assertThat(delivery.deliver(finished("call-5", url, 200, "text/plain", "x")).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo(CallRecord.CallbackState.FAILED);

        assertThat(registry.counter("magnetar.gateway.async.callback.retried").count()).isEqualTo(2);
    }

    @Test
    void aHostNoLongerAllowedIsNotPostedTo() throws Exception {
        CallbackDelivery strict = delivery(new CallbackSchedule(3, Duration.ofMillis(20), Duration.ofMillis(40)),
                List.of("hooks.example.com"));

        assertThat(strict.deliver(finished("call-6", server.url("/hook"), 200, "text/plain", "x"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(CallRecord.CallbackState.FAILED);

        assertThat(server.received()).isEmpty();
    }

    private CallbackDelivery delivery(CallbackSchedule schedule, List<String> hosts) {
        return new CallbackDelivery(new CallbackSender(Duration.ofSeconds(5)), schedule, new CallbackHosts(hosts), timer,
                new AsyncMetrics(registry, new KeptCalls(10, 1_000)));
    }

    private static CallRecord finished(String id, String url, int status, String contentType, String body) {
        return CallRecord.accepted(id, "t", "ns", "f", 1_000, 60_000, url)
                .finish(new CallResult(status, contentType, body.getBytes(StandardCharsets.UTF_8), 1_250), 60_000);
    }
}
