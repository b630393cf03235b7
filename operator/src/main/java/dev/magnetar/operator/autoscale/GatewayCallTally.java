package dev.magnetar.operator.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The calls the gateways report waiting, per function ({@code tenant/namespace/name}): the latest report of each
 * gateway, forgotten after {@link #MAX_AGE} (a gateway repeats its count every second while calls wait), and whether
 * any call arrived since the autoscaler last asked.
 */
public final class GatewayCallTally {
    static final Duration MAX_AGE = Duration.ofSeconds(3);

    private record Report(int waiting, Instant at) {
    }

    private final Map<String, Map<String, Report>> reports = new HashMap<>();
    private final Set<String> arrived = new HashSet<>();

    synchronized void report(String fqfn, String gateway, int waiting, Instant at) {
        reports.computeIfAbsent(fqfn, key -> new HashMap<>()).put(gateway, new Report(Math.max(0, waiting), at));
        arrived.add(fqfn);
    }

    /** The calls waiting for {@code fqfn} across the gateways, as their reports of the last few seconds say. */
    synchronized int waiting(String fqfn, Instant now) {
        Map<String, Report> byGateway = reports.get(fqfn);
        if (byGateway == null) {
            return 0;
        }
        Instant oldest = now.minus(MAX_AGE);
        byGateway.values().removeIf(report -> report.at().isBefore(oldest));
        if (byGateway.isEmpty()) {
            reports.remove(fqfn);
            return 0;
        }
        return byGateway.values().stream().mapToInt(Report::waiting).sum();
    }

    /** True once for every function a call arrived for since the last time it was asked. */
    synchronized boolean takeArrival(String fqfn) {
        return arrived.remove(fqfn);
    }
}
