package dev.magnetar.bench.chaos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway calls of a run by outcome: the statuses a caller must expect during faults (200, 503 while the gateway
 * has no broker or no replica, 504 at the call's deadline, 429 when too many calls wait) and everything else, of which
 * calls that got no HTTP answer at all (the control plane down) are counted apart.
 */
record HttpStatusTally(long ok, long unavailable, long timedOut, long tooMany, long otherStatus, long noAnswer,
                       Map<Integer, Long> otherByStatus) {

    HttpStatusTally {
        otherByStatus = Map.copyOf(otherByStatus);
    }

    static HttpStatusTally of(List<GatewayCall> calls) {
        long[] counts = new long[6];
        Map<Integer, Long> other = new TreeMap<>();
        for (GatewayCall call : calls) {
            switch (call.status()) {
                case 200 -> counts[0]++;
                case 503 -> counts[1]++;
                case 504 -> counts[2]++;
                case 429 -> counts[3]++;
                case GatewayCall.NO_ANSWER -> counts[5]++;
                default -> {
                    counts[4]++;
                    other.merge(call.status(), 1L, Long::sum);
                }
            }
        }
        return new HttpStatusTally(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], other);
    }

    long total() {
        return ok + unavailable + timedOut + tooMany + otherStatus + noAnswer;
    }

    /** Other statuses and calls without an answer together: the "other" column. */
    long other() {
        return otherStatus + noAnswer;
    }
}
