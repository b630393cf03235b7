package dev.magnetar.bench.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP callers of the function through the gateway, each with one call in flight and a short pause between calls,
 * recording every call's outcome. Their bodies ({@code h-...}) also reach the output topic; the delivery check ignores
 * them.
 */
final class GatewayCallers implements AutoCloseable {
    static final String PREFIX = "h-";
    static final int CALLERS = 2;
    /** The gateway's deadline for each call, sent in its header: a call beyond it is answered 504. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    /** The gateway's header for a call's deadline in milliseconds. */
    static final String DEADLINE_HEADER = "X-Magnetar-Timeout-Ms";
    /** How long the client waits for any answer: well beyond the deadline, so a missing 504 shows as no answer. */
    static final Duration CLIENT_TIMEOUT = DEADLINE.plusSeconds(10);
    static final long PAUSE_MILLIS = 100;

    private final URI function;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ConcurrentLinkedQueue<GatewayCall> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong wrongReplies = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private GatewayCallers(URI function) {
        this.function = function;
    }

    static GatewayCallers start(String gatewayUrl, String path) {
        GatewayCallers callers = new GatewayCallers(URI.create(gatewayUrl + path));
        for (int i = 0; i < CALLERS; i++) {
            Thread thread = new Thread(callers::callUntilStopped, "chaos-caller-" + i);
            callers.threads.add(thread);
            thread.start();
        }
        return callers;
    }

    private void callUntilStopped() {
        while (running) {
            calls.add(call(PREFIX + next.getAndIncrement()));
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private GatewayCall call(String body) {
        HttpRequest request = HttpRequest.newBuilder(function).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "text/plain").header(DEADLINE_HEADER, Long.toString(DEADLINE.toMillis()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        int status;
        try {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = reply.statusCode();
            if (status == 200 && !reply.body().equals(body + "!")) {
                wrongReplies.incrementAndGet();
            }
        } catch (java.io.IOException e) {
            status = GatewayCall.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = GatewayCall.NO_ANSWER;
        }
        return new GatewayCall(start, System.nanoTime(), status);
    }

    /** Every call so far, in no particular order. */
    List<GatewayCall> calls() {
        return List.copyOf(calls);
    }

    /** Calls answered 200 with a body other than the function's result for that call. */
    long wrongReplies() {
        return wrongReplies.get();
    }

    /** Stops calling once each caller's call in flight is answered. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
