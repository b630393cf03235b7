package dev.magnetar.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.latency.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTargetsTest {

    @Test
    void p50TargetIsGatewayOverTheSumOfBothBaselines() {
        assertThat(GatewayTargets.p50TargetRatio(6, 1, 4)).isCloseTo(1.2, within(1e-9));
        assertThat(GatewayTargets.p50TargetRatio(6, 0, 0)).isNaN();
    }

    @Test
    void p50NoteNamesTheLoadAndEveryPart() {
        List<LatencyResult> results = List.of(result("HTTP-ALONE", 0, 1, 0), result("RAW-RR", 0, 4, 0),
                result("GATEWAY", 0, 6, 0));
        assertThat(GatewayTargets.p50Note(results, "L")).isEqualTo(
                "L: GATEWAY p50 6.00 ms ÷ (HTTP-ALONE p50 1.00 + RAW-RR p50 4.00) = 1.20");
    }

    @Test
    void p50NoteTakesTheMedianOverRepeatedRuns() {
        List<LatencyResult> results = List.of(result("HTTP-ALONE", 0, 1, 0), result("RAW-RR", 0, 4, 0),
                result("GATEWAY", 0, 6, 0), result("HTTP-ALONE", 0, 3, 0), result("RAW-RR", 0, 2, 0),
                result("GATEWAY", 0, 30, 0), result("HTTP-ALONE", 0, 2, 0), result("RAW-RR", 0, 3, 0),
                result("GATEWAY", 0, 5, 0));
        assertThat(GatewayTargets.p50Note(results, "L")).isEqualTo(
                "L: GATEWAY p50 6.00 ms ÷ (HTTP-ALONE p50 2.00 + RAW-RR p50 3.00) = 1.20");
    }

    @Test
    void pacedNotePutsThePacedEchoInPlaceOfHttpAlone() {
        String load = GatewayTargets.CLOSED_LOOP;
        List<LatencyResult> results = List.of(result("HTTP-ALONE", 0, 0.1, 0, load), result("RAW-RR", 0, 4, 0, load),
                result("GATEWAY", 0, 6, 0, load), result("PACED", 0, 1, 0, load));
        assertThat(GatewayTargets.pacedP50Note(results, "PACED", "1 ms")).startsWith(
                "closed loop, 1 in flight, diagnostic: GATEWAY p50 6.00 ms ÷ (PACED p50 1.00 + RAW-RR p50 4.00) = 1.20")
                .contains("idle 1 ms before each call");
    }

    @Test
    void onOffNoteComparesMedianP50AgainstTheLineAndReportsTheP99Ratio() {
        List<LatencyResult> results = List.of(result("OFF", 0, 2, 10), result("ON", 0, 2.2, 12),
                result("OFF", 0, 4, 30), result("ON", 0, 2, 11), result("OFF", 0, 2, 8), result("ON", 0, 2.1, 40));
        assertThat(GatewayTargets.onOffNote(results, "L", "OFF", "ON", 1.05)).isEqualTo(
                "L: ON p50 2.10 ms ÷ OFF p50 2.00 ms = 1.05 (target ≤ 1.05: held); p99 12.00 ms ÷ 10.00 ms = 1.20");
        assertThat(GatewayTargets.onOffNote(results, "L", "OFF", "ON", 1.01)).contains("target ≤ 1.01: missed");
    }

    @Test
    void rateSearchReportsTheLastRateBeforeTheFirstMiss() {
        List<Integer> tried = new ArrayList<>();
        String note = GatewayTargets.rateSearch(rate -> {
            tried.add(rate);
            return result("GATEWAY", rate, 1, rate >= 2_000 ? 80 : 10);
        }, List.of(500, 1_000, 2_000, 4_000), 50);
        assertThat(tried).containsExactly(500, 1_000, 2_000);
        assertThat(note).contains("highest rate held 1,000 req/s").contains("2,000 req/s missed: p99 80.00 ms");
    }

    @Test
    void anErrorOrABrokenRunEndsTheSearch() {
        String errors = GatewayTargets.rateSearch(rate -> new LatencyResult("GATEWAY", "x", rate, 10, 1,
                new LatencySummary(10, 1, 1, 1, 1, 1), new double[0][], 0, 0, -1), List.of(500), 50);
        assertThat(errors).contains("highest rate held none").contains("1 errors");
        String broken = GatewayTargets.rateSearch(rate -> {
            throw new IllegalStateException("boom");
        }, List.of(500), 50);
        assertThat(broken).contains("500 req/s failed: boom");
    }

    private static LatencyResult result(String variant, int rate, double p50, double p99) {
        return result(variant, rate, p50, p99, rate == 0 ? "L" : rate + " req/s");
    }

    private static LatencyResult result(String variant, int rate, double p50, double p99, String load) {
        return new LatencyResult(variant, load, rate, 100, 0, new LatencySummary(100, p50, p50, p99, p99, p99),
                new double[0][], 0, 0, -1);
    }
}
