package dev.magnetar.bench.controller;

import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Drains the mock API server's request log and counts requests by method; writes are everything but GET. */
final class ApiRequests {
    private ApiRequests() {
    }

    /** Requests recorded since the last drain, by HTTP method. */
    static Map<String, Integer> drain(DefaultMockServer server) throws InterruptedException {
        Map<String, Integer> byMethod = new TreeMap<>();
        for (RecordedRequest request = server.takeRequest(0, TimeUnit.MILLISECONDS); request != null;
             request = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
            byMethod.merge(request.getMethod(), 1, Integer::sum);
        }
        return byMethod;
    }

    static int writes(Map<String, Integer> byMethod) {
        return byMethod.entrySet().stream().filter(e -> !e.getKey().equals("GET")).mapToInt(Map.Entry::getValue).sum();
    }
}
