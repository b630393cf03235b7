package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.bench.http.TinyServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewaySidesTest {

    @Test
    void everyAnswerThatIsNot200CountsAsAnErrorOfTheRun() {
        AtomicInteger calls = new AtomicInteger();
        try (TinyServer server = new TinyServer((exchange, body) -> {
                int status = calls.incrementAndGet() % 4 == 0 ? 503 : 200;
                TinyServer.answer(exchange, status, status == 200 ? new String(body) + "!" : "overloaded");
            });
             HttpLoadClient client = GatewaySides.httpClient(server.port())) {
            LoadDriver.Outcome outcome = LoadDriver.closedLoop(GatewaySides.http(client, "/echo"), 0, 40);

            assertThat(outcome.sent()).isEqualTo(40);
            assertThat(outcome.errors()).isEqualTo(10);
            assertThat(outcome.firstError()).contains("HTTP 503: overloaded");
        }
    }

    @Test
    void anOpenLoopCountsCallsToAServerThatIsGoneAsErrors() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (HttpLoadClient client = GatewaySides.httpClient(port)) {
            LoadDriver.Outcome outcome = LoadDriver.openLoop(GatewaySides.http(client, "/echo"), 1_000, 0, 20);

            assertThat(outcome.errors()).isEqualTo(20);
            assertThat(outcome.latencies().count()).isEqualTo(20);
        }
    }
}
