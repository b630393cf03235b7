package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.protocol.ReplicaStatusJson;
import dev.magnetar.api.protocol.ReplicaStatusReport;
import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.security.replica.ReplicaAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The messages and calls each function's replicas are working on, read from every ready replica's {@code /status}
 * at once. A replica counts what it took ({@code received}) and what it finished (processed, or failed in the
 * function or around it); the difference is what it holds now. A replica that does not answer in time counts 0.
 */
final class ReplicaInFlight {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final FunctionReplicas replicas;
    private final ReplicaAccess access;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ReplicaInFlight(FunctionReplicas replicas, ReplicaAccess access) {
        this.replicas = replicas;
        this.access = access;
    }

    /** In-flight work by function, for every function in {@code fqfns}. */
    Map<String, Integer> of(List<String> fqfns) {
        Map<String, List<CompletableFuture<Integer>>> reads = new HashMap<>();
        for (String fqfn : fqfns) {
            List<CompletableFuture<Integer>> forFunction = new ArrayList<>();
            String token = access.tokenFor(fqfn);
            for (InstanceStatus instance : replicas.status(fqfn)) {
                if (instance.ready() && instance.httpPort() > 0 && instance.host() != null) {
                    forFunction.add(read(instance, token));
                }
            }
            reads.put(fqfn, forFunction);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Integer> inFlight = new HashMap<>();
        reads.forEach((fqfn, futures) -> inFlight.put(fqfn, futures.stream()
                .mapToInt(future -> await(future, deadline)).sum()));
        return inFlight;
    }

    private CompletableFuture<Integer> read(InstanceStatus instance, String token) {
        String host = instance.host().contains(":") ? "[" + instance.host() + "]" : instance.host();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + instance.httpPort()
                        + ReplicaStatusReport.PATH)).timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 ? held(ReplicaStatusJson.read(response.body())) : 0)
                .exceptionally(error -> 0);
    }

    static int held(ReplicaStatusReport report) {
        long open = report.received() - report.processed() - report.userExceptions() - report.systemExceptions();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, open));
    }

    private static int await(CompletableFuture<Integer> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
