package dev.magnetar.api.protocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads replicas' {@link ReplicaStatusReport}s from {@code GET /status} on their HTTP port: loopback for a local
 * replica, the pod's IP on Kubernetes. The one reader behind the admin API's status (a replica at a time) and the
 * autoscalers (every replica at once, within one timeout). A replica that does not answer in time, answers other than
 * 200 or sends no report has no report, and the reason says which.
 */
public final class ReplicaStatusReader {
    private final Duration timeout;
    private final HttpClient http;

    /** @param timeout how long a replica has to connect and answer */
    public ReplicaStatusReader(Duration timeout) {
        this.timeout = timeout;
        // A replica is reached directly, at loopback or at its pod's IP: never through a proxy.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    /**
     * Where a replica answers.
     *
     * @param host  loopback for a local replica, the pod's IP on Kubernetes; null while it has none
     * @param port  its HTTP port; 0 or less while it has none
     * @param token the function's replica access token
     */
    public record Address(String host, int port, String token) {
        /** True when the replica can be asked: it has a host and a port. */
        public boolean known() {
            return port > 0 && host != null && !host.isBlank();
        }

        /** Its {@code /status} URI; an IPv6 address is bracketed. */
        public URI uri() {
            return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                    + ReplicaStatusReport.PATH);
        }
    }

    /**
     * What many replicas answered.
     *
     * @param reports  the report of each replica that answered
     * @param failures why each other replica has none
     */
    public record Answers<K>(Map<K, ReplicaStatusReport> reports, Map<K, String> failures) {
    }

    /** The replica's report; the future fails with an {@link IOException} saying why when there is none. */
    public CompletableFuture<ReplicaStatusReport> read(Address address) {
        if (!address.known()) {
            return CompletableFuture.failedFuture(new IOException("it has no address yet"));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(address.uri()).timeout(timeout)
                    .header("Authorization", "Bearer " + address.token()).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("'" + address.host() + "' is not an address", e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("it answered " + response.statusCode());
            }
            return ReplicaStatusJson.read(response.body());
        }).exceptionallyCompose(error -> CompletableFuture.failedFuture(timedOut(error)
                ? new IOException("it did not answer within " + timeout.toMillis() + " ms", error) : error));
    }

    /** The request's own timeout, which may come before {@link #readAll}'s: the same answer either way. */
    private static boolean timedOut(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof java.net.http.HttpTimeoutException;
    }

    /** Asks every replica at once and waits at most the timeout for them all. */
    public <K> Answers<K> readAll(Map<K, Address> replicas) {
        Map<K, CompletableFuture<ReplicaStatusReport>> asked = new HashMap<>();
        replicas.forEach((key, address) -> asked.put(key, read(address)));
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<K, ReplicaStatusReport> reports = new HashMap<>();
        Map<K, String> failures = new HashMap<>();
        for (Map.Entry<K, CompletableFuture<ReplicaStatusReport>> entry : asked.entrySet()) {
            try {
                reports.put(entry.getKey(), entry.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                failures.put(entry.getKey(), "it did not answer within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                failures.put(entry.getKey(), reason(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(entry.getKey(), "interrupted");
            }
        }
        return new Answers<>(reports, failures);
    }

    /** Why a read failed, in a few words. */
    public static String reason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        boolean ours = cause instanceof IllegalStateException || cause.getClass() == IOException.class;
        return ours && cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /**
     * The messages and calls a replica holds now: what it took ({@code received}) less what it finished (processed,
     * or failed in the function or around it).
     */
    public static int inFlight(ReplicaStatusReport report) {
        long open = report.received() - report.processed() - report.userExceptions() - report.systemExceptions();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, open));
    }
}
