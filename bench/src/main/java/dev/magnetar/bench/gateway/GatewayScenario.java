package dev.magnetar.bench.gateway;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.bench.http.HttpLoadSettings;
import dev.magnetar.bench.latency.LatencyRepetitions;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.PipeLatencyScenario;
import dev.magnetar.bench.scenario.Scenario;
import dev.magnetar.gateway.reply.RequestReplyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "gateway": HTTP → function → reply through the real control plane (GATEWAY), against HTTP-ALONE (a Micronaut
 * echo endpoint) and RAW-RR (Pulsar request/reply to a plain-client responder, same reply-topic design). Loads:
 * closed loop with one call in flight, open loop at 500 and 2,000 req/s; then a rate search on the gateway
 * for the highest rate with p99 ≤ 50 ms and no errors. Two diagnostic sides explain the gateway's share: RUNTIME-RR
 * (the function's own request/reply, no HTTP) and, closed loop only, HTTP-ALONE-PACED (the echo idle between calls).
 */
public final class GatewayScenario implements Scenario {
    public static final String NAME = "gateway";
    static final String FUNCTION = "bench-echo";
    static final List<Integer> SEARCH_RATES = List.of(500, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000, 10_000);
    static final double SEARCH_P99_MS = 50;
    /**
     * Diagnostic side, closed loop only: the echo with {@link #PACED_PAUSE} before each call. Back to back, the echo's
     * threads never go idle; inside the gateway they idle for a whole round trip to the function between reading a
     * request and writing its reply, and every wake-up from idle costs more on this machine.
     */
    static final String HTTP_ALONE_PACED = "HTTP-ALONE-PACED";
    /** About one raw request/reply round trip on a quiet machine. */
    static final Duration PACED_PAUSE = Duration.ofMillis(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        Path dir = Files.createDirectories(context.workDir().resolve("gateway-" + System.nanoTime()));
        List<LatencyResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StealGuard<LatencyResult> guard = LatencyResult.stealGuard();
        int planePort = GatewaySides.freePort();
        int echoPort = GatewaySides.freePort();
        try (ControlPlaneProcess plane = ControlPlaneProcess.start(context.installation(), context.serviceUrl(),
                context.adminUrl(), dir.resolve("control-plane"), planePort, context.jfr());
             ChildJvm echo = startEcho(dir, echoPort);
             HttpLoadClient echoHttp = GatewaySides.httpClient(echoPort);
             HttpLoadClient planeHttp = GatewaySides.httpClient(planePort);
             RequestReplyClient rr = GatewaySides.requestReplyClient(context.client())) {
            plane.deploy(EchoFunction.TENANT, EchoFunction.NAMESPACE, FUNCTION, EchoFunction.yaml(context, FUNCTION), 1);
            String requestTopic = "persistent://public/default/bench-rr-requests-" + System.nanoTime();
            try (ChildJvm responder = startResponder(context, dir, requestTopic)) {
                Map<String, Side> sides = new LinkedHashMap<>();
                Caller echoCall = GatewaySides.http(echoHttp, MicronautEchoMain.PATH);
                sides.put("HTTP-ALONE", new Side(echoCall, echo.pid()));
                Side pacedEcho = new Side(echoCall, echo.pid(), PACED_PAUSE);
                sides.put("RAW-RR", new Side(GatewaySides.requestReply(rr, requestTopic), responder.pid()));
                sides.put("GATEWAY", new Side(GatewaySides.http(planeHttp, EchoFunction.gatewayPath(FUNCTION)),
                        plane.pid()));
                // Diagnostic, not a baseline: the function's own request/reply without HTTP, so GATEWAY minus this
                // is what HTTP and the gateway add, and this minus RAW-RR is what the runtime adds.
                sides.put("RUNTIME-RR", new Side(GatewaySides.requestReply(rr, EchoFunction.inputTopic(FUNCTION)),
                        plane.replicaPid()));
                sides.forEach(GatewayRuns::warmUp);
                for (String load : GatewayRuns.loads()) {
                    // Round-robin over the sides, as the other scenarios: outside load spreads over all of them.
                    for (int i = 0; i < context.repetitions(); i++) {
                        results.addAll(GatewayRuns.round(context, guard, sides, load));
                        if (load.equals(GatewayTargets.CLOSED_LOOP)) {
                            results.add(guard.measure(() -> GatewayRuns.measure(context, HTTP_ALONE_PACED, pacedEcho,
                                    load)));
                        }
                    }
                    notes.add(GatewayTargets.p50Note(results, load));
                }
                notes.add(GatewayTargets.pacedP50Note(results, HTTP_ALONE_PACED, PACED_PAUSE.toMillis() + " ms"));
                notes.add(GatewayTargets.rateSearch(rate -> guard.measure(() -> GatewayRuns.measure(context, "GATEWAY",
                        sides.get("GATEWAY"), GatewayRuns.openLoad(rate))), SEARCH_RATES, SEARCH_P99_MS));
            }
            notes.addAll(guard.notes());
            notes.add(String.format("HTTP load client: at most %d connections, peak %d to HTTP-ALONE and %d to GATEWAY",
                    HttpLoadSettings.DEFAULT_MAX_CONNECTIONS, echoHttp.peakConnections(), planeHttp.peakConnections()));
        }
        Map<String, String> settings = GatewayRuns.settings(context);
        settings.put("httpAlone", "Micronaut echo endpoint (POST /echo, Netty server, event loop), own JVM, the bench's"
                + " class path without the Magnetar modules");
        settings.put("httpAlonePaced", "diagnostic, closed loop only: HTTP-ALONE with " + PACED_PAUSE.toMillis()
                + " ms idle before each call (not timed), as the gateway's HTTP threads idle while a call waits for its"
                + " reply; not part of the target");
        settings.put("rawRequestReply", "RequestReplyClient in the bench JVM -> persistent request topic -> plain-client"
                + " responder JVM -> non-persistent reply topic");
        settings.put("runtimeRequestReply", "diagnostic: RequestReplyClient in the bench JVM -> the function's input topic"
                + " -> the replica -> non-persistent reply topic (CPU column: the replica)");
        settings.merge("repetitions", "; the rate search runs once", String::concat);
        return PipeLatencyScenario.repeatedOutcome(NAME, settings, LatencyRepetitions.group(results), notes);
    }

    private static ChildJvm startEcho(Path dir, int port) throws IOException {
        ChildJvm echo = ChildJvm.start(List.of(Installation.javaExecutable().toString(), "-cp",
                MicronautEchoMain.classPath(System.getProperty("java.class.path")), MicronautEchoMain.class.getName(),
                Integer.toString(port)), dir.resolve("http-echo.log"));
        awaitLine(dir.resolve("http-echo.log"), MicronautEchoMain.READY, echo);
        return echo;
    }

    private static ChildJvm startResponder(BenchContext context, Path dir, String requestTopic) throws IOException {
        ChildJvm responder = ChildJvm.start(List.of(Installation.javaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), ReplyPipeMain.class.getName(), context.serviceUrl(), requestTopic,
                "bench"), dir.resolve("reply-pipe.log"));
        awaitLine(dir.resolve("reply-pipe.log"), "REPLY_PIPE_READY", responder);
        return responder;
    }

    private static void awaitLine(Path log, String line, ChildJvm jvm) throws IOException {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!jvm.isAlive()) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no " + line + " from the worker (alive: " + jvm.isAlive() + "); see " + log);
    }
}
