package dev.magnetar.bench.chaos;

import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A chaos run's report: one table row of totals, a note per fault, and every figure in the JSON results. */
record ChaosOutcome(ChaosSettings settings, long startNanos, List<RecoveryTimes> recoveries, DeliveryCheck delivery,
                    HttpStatusTally http, Asides asides) {

    static final List<String> HEADER = List.of("faults (replica/control plane/broker)", "inputs accepted", "outputs",
            "losses", "duplicates", "HTTP 200", "503", "504", "429", "other", "worst to first 200", "worst to drained");

    ChaosOutcome {
        recoveries = List.copyOf(recoveries);
    }

    ScenarioOutcome toScenarioOutcome() {
        List<String> row = List.of(faultCounts(), count(delivery.accepted()), count(delivery.outputs()),
                count(delivery.losses()), count(delivery.duplicates()), count(http.ok()), count(http.unavailable()),
                count(http.timedOut()), count(http.tooMany()),
                count(http.other()) + " (" + count(http.noAnswer()) + " no answer)",
                seconds(worst(RecoveryTimes::toFirstSuccess)), seconds(worst(RecoveryTimes::toDrained)));
        return new ScenarioOutcome(ChaosScenario.NAME, describedSettings(), HEADER, List.of(row), notes(), results(), List.of());
    }

    private String faultCounts() {
        long[] byKind = new long[FaultKind.values().length];
        recoveries.forEach(recovery -> byKind[recovery.fault().kind().ordinal()]++);
        return recoveries.size() + " (" + byKind[0] + "/" + byKind[1] + "/" + byKind[2] + ")";
    }

    /** The longest recovery; {@link RecoveryTimes#NEVER} when any fault never recovered, 0 without faults. */
    private double worst(ToDoubleFunction<RecoveryTimes> measure) {
        if (recoveries.stream().anyMatch(recovery -> measure.applyAsDouble(recovery) < 0)) {
            return RecoveryTimes.NEVER;
        }
        return recoveries.stream().mapToDouble(measure).max().orElse(0);
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!delivery.passed()) {
            notes.add("FAILED: " + count(delivery.losses()) + " inputs the broker acknowledged never came out of the"
                    + " function, e.g. " + delivery.lostExamples().stream().map(id -> Feeder.PREFIX + id).toList());
        }
        notes.add("seed " + settings.seed() + ": --seed " + settings.seed() + " repeats these faults at these intervals");
        for (int i = 0; i < recoveries.size(); i++) {
            RecoveryTimes recovery = recoveries.get(i);
            Fault fault = recovery.fault();
            notes.add(String.format("%s killed %s%s; first 200 after %s, inputs sent before it drained after %s%s",
                    ChaosScenario.clock(startNanos, fault.killedNanos()), fault.target(),
                    fault.kind() == FaultKind.REPLICA ? "" : String.format(" (started again in %.1f s)",
                            fault.restartSeconds()),
                    seconds(recovery.toFirstSuccess()), seconds(recovery.toDrained()),
                    i + 1 < recoveries.size() && overlapped(recovery, recoveries.get(i + 1).fault())
                            ? " (the next fault came before it recovered: these times include that one's)" : ""));
        }
        notes.add(String.format("final drain: every accepted input out %.1f s after the producer stopped; %s outputs"
                + " of inputs whose acknowledgement the producer never got; %s failed sends%s", asides.drainSeconds(),
                count(delivery.unaccepted()), count(asides.failedSends()),
                asides.failedSends() > 0 ? " (first: " + asides.firstFailure() + ")" : ""));
        notes.add("gateway calls: " + count(http.total()) + ", other statuses " + http.otherByStatus() + ", "
                + count(asides.wrongReplies()) + " answered 200 with a wrong result; " + count(asides.callOutputs())
                + " call results also seen on the output topic");
        return notes;
    }

    /** Whether {@code next} was injected before {@code recovery}'s fault had recovered on both counts. */
    private static boolean overlapped(RecoveryTimes recovery, Fault next) {
        double gap = (next.killedNanos() - recovery.fault().killedNanos()) / 1e9;
        return Math.max(recovery.toFirstSuccess(), recovery.toDrained()) > gap
                || recovery.toFirstSuccess() < 0 || recovery.toDrained() < 0;
    }

    private Map<String, String> describedSettings() {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("length", settings.length().toSeconds() + " s of faults (--chaos-seconds), then the drain (at most "
                + ChaosScenario.DRAIN_TIMEOUT.toSeconds() + " s) and " + ChaosScenario.QUIET_AFTER_DRAIN.toSeconds()
                + " s quiet");
        described.put("seed", Long.toString(settings.seed()));
        described.put("faults", "SIGKILL of a replica, the control plane or the broker, one every "
                + FaultPlan.MIN_INTERVAL.toSeconds() + "-" + FaultPlan.MAX_INTERVAL.toSeconds() + " s (after the restart of"
                + " what was killed); the control plane and the broker are started again on the same data dir and ports");
        described.put("broker", "a broker of its own (one bookie, ZooKeeper metadata), killed and started again; the"
                + " bench's shared broker described beside these settings idles through the run");
        described.put("function", "exclamation sample, " + ChaosFunction.REPLICAS + " replicas, ATLEAST_ONCE, Shared");
        described.put("producer", Feeder.RATE_PER_SECOND + " msg/s, sendTimeout 0 (waits across broker outages)");
        described.put("callers", GatewayCallers.CALLERS + " HTTP callers, one call in flight each, "
                + GatewayCallers.PAUSE_MILLIS + " ms apart, deadline " + GatewayCallers.DEADLINE.toMillis() + " ms");
        return described;
    }

    private Map<String, Object> results() {
        Map<String, Object> results = new LinkedHashMap<>();
        if (!delivery.passed()) {
            results.put(ScenarioOutcome.FAILURE, count(delivery.losses()) + " accepted inputs lost");
        }
        results.put("seed", settings.seed());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("accepted", delivery.accepted());
        inputs.put("outputs", delivery.outputs());
        inputs.put("losses", delivery.losses());
        inputs.put("duplicates", delivery.duplicates());
        inputs.put("unaccepted", delivery.unaccepted());
        inputs.put("lostExamples", delivery.lostExamples());
        inputs.put("failedSends", asides.failedSends());
        inputs.put("drainSeconds", asides.drainSeconds());
        results.put("delivery", inputs);
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("200", http.ok());
        calls.put("503", http.unavailable());
        calls.put("504", http.timedOut());
        calls.put("429", http.tooMany());
        calls.put("otherStatus", http.otherStatus());
        calls.put("noAnswer", http.noAnswer());
        calls.put("wrongReplies", asides.wrongReplies());
        results.put("httpCalls", calls);
        results.put("worstToFirstSuccessSeconds", worst(RecoveryTimes::toFirstSuccess));
        results.put("worstToDrainedSeconds", worst(RecoveryTimes::toDrained));
        results.put("faults", recoveries.stream().map(this::faultJson).toList());
        return results;
    }

    private Map<String, Object> faultJson(RecoveryTimes recovery) {
        Fault fault = recovery.fault();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", fault.kind().label());
        json.put("target", fault.target());
        json.put("atSeconds", (fault.killedNanos() - startNanos) / 1e9);
        json.put("restartSeconds", fault.restartSeconds());
        json.put("toFirstSuccessSeconds", recovery.toFirstSuccess());
        json.put("toDrainedSeconds", recovery.toDrained());
        return json;
    }

    private static String count(long n) {
        return String.format("%,d", n);
    }

    private static String seconds(double s) {
        return s < 0 ? "never" : String.format("%.1f s", s);
    }
}
