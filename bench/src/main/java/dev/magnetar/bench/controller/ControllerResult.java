package dev.magnetar.bench.controller;

import dev.magnetar.bench.report.ScenarioOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller scenario measured. Heap: used bytes after a full GC before the loop started, with the loop
 * running over every resource, and after the loop was closed; the loop's own retained heap is the difference of
 * the last two.
 */
record ControllerResult(int functions, double createSeconds, double childrenSeconds, Map<String, Integer> creationRequests,
                        Map<String, Integer> resyncRequests, long heapBefore, long heapWithLoop, long heapWithoutLoop,
                        long topicEnsures) {
    static final double MB = 1024.0 * 1024.0;

    int resyncWrites() {
        return ApiRequests.writes(resyncRequests);
    }

    /** The reconcile loop's retained heap per 1,000 resources, in MB. */
    double loopHeapMbPerThousand() {
        return (heapWithLoop - heapWithoutLoop) / MB * 1000.0 / functions;
    }

    ScenarioOutcome outcome(String name, Map<String, String> settings) {
        List<String> header = List.of("measure", "value", "target");
        List<List<String>> rows = List.of(
                List.of("functions created at once", String.format("%,d", functions), ""),
                List.of("time until every Deployment and Service exists", String.format("%.1f s", childrenSeconds), ""),
                List.of("API writes during one steady-state resync", String.format("%,d", resyncWrites()), "0"),
                List.of("API requests during creation (by method)", creationRequests.toString(), ""),
                List.of("API requests during the resync window (by method)", resyncRequests.toString(), ""),
                List.of("reconcile loop heap after full GC, per 1,000 resources",
                        String.format("%.1f MB", loopHeapMbPerThousand()), ""),
                List.of("used heap after full GC: before / with loop / loop closed",
                        String.format("%.0f / %.0f / %.0f MB", heapBefore / MB, heapWithLoop / MB, heapWithoutLoop / MB), ""));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("functions", functions);
        json.put("createSeconds", createSeconds);
        json.put("childrenSeconds", childrenSeconds);
        json.put("creationRequests", creationRequests);
        json.put("resyncRequests", resyncRequests);
        json.put("resyncWrites", resyncWrites());
        json.put("heapBeforeBytes", heapBefore);
        json.put("heapWithLoopBytes", heapWithLoop);
        json.put("heapLoopClosedBytes", heapWithoutLoop);
        json.put("loopHeapMbPer1000", loopHeapMbPerThousand());
        json.put("topicEnsures", topicEnsures);
        return new ScenarioOutcome(name, settings, header, rows, List.of(), json, List.of());
    }
}
