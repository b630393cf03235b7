package dev.magnetar.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpLoadClientTest {
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void answersCarryTheStatusAndTheWholeBody() throws Exception {
        try (TinyServer server = new TinyServer((exchange, body) -> TinyServer.answer(exchange,
                exchange.getRequestURI().getPath().equals("/echo") ? 200 : 503,
                exchange.getRequestHeaders().getFirst("Content-Type") + ":" + new String(body, StandardCharsets.UTF_8)));
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(4, Duration.ofSeconds(10)))) {
            HttpAnswer ok = client.post("/echo", HELLO, "text/plain").get(10, TimeUnit.SECONDS);
            HttpAnswer busy = client.post("/other", HELLO, "application/x-test").get(10, TimeUnit.SECONDS);

            assertThat(ok.status()).isEqualTo(200);
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("text/plain:hello");
            assertThat(busy.status()).isEqualTo(503);
            assertThat(new String(busy.body(), StandardCharsets.UTF_8)).isEqualTo("application/x-test:hello");
        }
    }

    @Test
    void extraHeadersTravelWithTheRequest() throws Exception {
        try (TinyServer server = new TinyServer((exchange, body) -> TinyServer.answer(exchange, 200,
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(4, Duration.ofSeconds(10)))) {
            HttpAnswer with = client.post("/", HELLO, "text/plain", Map.of("Authorization", "Bearer abc"))
                    .get(10, TimeUnit.SECONDS);
            HttpAnswer without = client.post("/", HELLO, "text/plain").get(10, TimeUnit.SECONDS);

            assertThat(new String(with.body(), StandardCharsets.UTF_8)).isEqualTo("Bearer abc");
            assertThat(new String(without.body(), StandardCharsets.UTF_8)).isEqualTo("null");
        }
    }

    @Test
    void sequentialCallsReuseOneKeepAliveConnection() throws Exception {
        try (TinyServer server = new TinyServer((exchange, body) -> TinyServer.answer(exchange, 200, "ok"));
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(8, Duration.ofSeconds(10)))) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.post("/", HELLO, "text/plain").get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(server.requests()).isEqualTo(20);
            assertThat(server.clientPorts()).hasSize(1);
            assertThat(client.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void neverOpensMoreConnectionsThanAllowedAndQueuesTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TinyServer server = new TinyServer((exchange, body) -> {
                release.await();
                TinyServer.answer(exchange, 200, "late");
            });
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(2, Duration.ofSeconds(30)))) {
            List<CompletableFuture<HttpAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(client.post("/", HELLO, "text/plain"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 2);
            assertThat(calls).noneMatch(CompletableFuture::isDone);
            release.countDown();

            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(calls).allMatch(call -> call.join().status() == 200);
            assertThat(server.requests()).isEqualTo(6);
            assertThat(server.clientPorts()).hasSize(2);
            assertThat(client.peakConnections()).isEqualTo(2);
        }
    }

    @Test
    void opensMoreConnectionsWhileTheOpenOnesAreBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TinyServer server = new TinyServer((exchange, body) -> {
                release.await();
                TinyServer.answer(exchange, 200, "ok");
            });
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(8, Duration.ofSeconds(30)))) {
            List<CompletableFuture<HttpAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(client.post("/", HELLO, "text/plain"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 5);
            release.countDown();

            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(server.clientPorts()).hasSize(5);
        }
    }

    @Test
    void aServerThatIsDownFailsEveryCall() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (HttpLoadClient client = HttpLoadClient.to("127.0.0.1", port, settings(2, Duration.ofSeconds(10)))) {
            List<CompletableFuture<HttpAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(client.post("/", HELLO, "text/plain"));
            }
            for (CompletableFuture<HttpAnswer> call : calls) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasRootCauseInstanceOf(java.net.ConnectException.class);
            }
            // An opening started for a call another failed opening has already failed still ends, and is not counted.
            await().atMost(Duration.ofSeconds(30)).until(() -> client.openConnections() == 0);
            assertThat(client.connectionsOpened()).isZero();
        }
    }

    @Test
    void aCallWithoutAnAnswerFailsAfterTheTimeoutAndItsConnectionIsReplaced() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        try (TinyServer server = new TinyServer((exchange, body) -> {
                if (seen.incrementAndGet() == 1) {
                    never.await();
                }
                TinyServer.answer(exchange, 200, "ok");
            });
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(1, Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> client.post("/", HELLO, "text/plain").get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IOException.class).hasMessageContaining("no answer within 300 ms");

            assertThat(client.post("/", HELLO, "text/plain").get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(client.connectionsOpened()).isEqualTo(2);
        } finally {
            never.countDown();
        }
    }

    @Test
    void aConnectionTheServerClosesAfterAnsweringIsNotReused() throws Exception {
        try (TinyServer server = new TinyServer((exchange, body) -> {
                exchange.getResponseHeaders().set("Connection", "close");
                TinyServer.answer(exchange, 200, "bye");
            });
             HttpLoadClient client = HttpLoadClient.to("127.0.0.1", server.port(), settings(1, Duration.ofSeconds(10)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.post("/", HELLO, "text/plain").get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(server.clientPorts()).hasSize(3);
        }
    }

    @Test
    void settingsNameTheWrongValue() {
        assertThatThrownBy(() -> new HttpLoadSettings(0, Duration.ofSeconds(1), 1, 1024))
                .hasMessage("maxConnections must be at least 1, was 0");
        assertThatThrownBy(() -> new HttpLoadSettings(1, Duration.ZERO, 1, 1024))
                .hasMessageContaining("timeout must be a positive duration");
    }

    private static HttpLoadSettings settings(int maxConnections, Duration timeout) {
        return new HttpLoadSettings(maxConnections, timeout, 1, 64 * 1024);
    }
}
