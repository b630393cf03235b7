package dev.magnetar.bench.gateway;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.ChildJvm;
import dev.magnetar.bench.harness.MachineCpuTimes;
import dev.magnetar.bench.harness.ProcessCpu;
import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.bench.http.HttpLoadSettings;
import dev.magnetar.bench.latency.LatencyRepetitions;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;
import dev.magnetar.bench.scenario.PipeLatencyScenario;
import dev.magnetar.bench.scenario.Scenario;
import dev.magnetar.gateway.reply.RequestReplyClient;
import java.io.IOException;
import java.net.ServerSocket;
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
    static final List<Integer> OPEN_RATES = List.of(500, 2_000);
    static final List<Integer> SEARCH_RATES = List.of(500, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000, 10_000);
    static final double SEARCH_P99_MS = 50;
    static final int WARMUP_SECONDS = 2;
    static final int CLOSED_CALLS_PER_SECOND = 100;
    /**
     * Diagnostic side, closed loop only: the echo with {@link #PACED_PAUSE} before each call. Back to back, the echo's
     * threads never go idle; inside the gateway they idle for a whole round trip to the function between reading a
     * request and writing its reply, and every wake-up from idle costs more on this machine.
     */
    static final String HTTP_ALONE_PACED = "HTTP-ALONE-PACED";
    /** About one raw request/reply round trip on a quiet machine. */
    static final Duration PACED_PAUSE = Duration.ofMillis(1);
    /**
     * Every side is a fresh JVM, and a gateway is a long-running server: before anything is measured each side answers
     * {@value #JIT_WARMUP_SECONDS} s at {@value #JIT_WARMUP_RATE} req/s. Without it the control plane's C2 compiler
     * is still compiling the request path through the first measured runs, and those runs measure the compiler.
     */
    static final int JIT_WARMUP_RATE = 1_500;
    static final int JIT_WARMUP_SECONDS = 16;
    /**
     * Then each load the side is measured at, once and unrecorded: {@value #PATTERN_WARMUP_CLOSED_CALLS} closed-loop
     * calls and {@value #PATTERN_WARMUP_SECONDS} s at each open-loop rate. After the rate warm-up alone the control
     * plane's compiler still deoptimises and recompiles parts of the request path whenever the load pattern changes.
     */
    static final int PATTERN_WARMUP_CLOSED_CALLS = 2_000;
    static final int PATTERN_WARMUP_SECONDS = 3;
    /**
     * Deployed as a latency-minded user would: the default concurrency 1, so the runtime calls this microsecond-cheap
     * synchronous function on its receiving thread instead of handing each message to a worker.
     */
    static final String FUNCTION_SETTINGS = "exclamation sample, concurrency 1 (the default), one replica, started by"
            + " the control plane";

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
        int planePort = freePort();
        int echoPort = freePort();
        try (ControlPlaneProcess plane = ControlPlaneProcess.start(context.installation(), context.serviceUrl(),
                context.adminUrl(), dir.resolve("control-plane"), planePort, context.jfr());
             ChildJvm echo = startEcho(dir, echoPort);
             HttpLoadClient echoHttp = GatewaySides.httpClient(echoPort);
             HttpLoadClient planeHttp = GatewaySides.httpClient(planePort);
             RequestReplyClient rr = GatewaySides.requestReplyClient(context.client())) {
            plane.deploy("public", "default", FUNCTION, functionYaml(context), 1);
            String requestTopic = "persistent://public/default/bench-rr-requests-" + System.nanoTime();
            try (ChildJvm responder = startResponder(context, dir, requestTopic)) {
                Map<String, Side> sides = new LinkedHashMap<>();
                Caller echoCall = GatewaySides.http(echoHttp, MicronautEchoMain.PATH);
                sides.put("HTTP-ALONE", new Side(echoCall, echo.pid()));
                Side pacedEcho = new Side(echoCall, echo.pid(), PACED_PAUSE);
                sides.put("RAW-RR", new Side(GatewaySides.requestReply(rr, requestTopic), responder.pid()));
                sides.put("GATEWAY", new Side(GatewaySides.http(planeHttp, "/function/public/default/" + FUNCTION),
                        plane.pid()));
                // Diagnostic, not a baseline: the function's own request/reply without HTTP, so GATEWAY minus this
                // is what HTTP and the gateway add, and this minus RAW-RR is what the runtime adds.
                sides.put("RUNTIME-RR", new Side(GatewaySides.requestReply(rr, inputTopic()), plane.replicaPid()));
                sides.forEach(GatewayScenario::warmUp);
                for (String load : loads()) {
                    // Round-robin over the sides, as the other scenarios: outside load spreads over all of them.
                    for (int i = 0; i < context.repetitions(); i++) {
                        for (Map.Entry<String, Side> side : sides.entrySet()) {
                            results.add(guard.measure(() -> measure(context, side.getKey(), side.getValue(), load)));
                        }
                        if (load.equals(GatewayTargets.CLOSED_LOOP)) {
                            results.add(guard.measure(() -> measure(context, HTTP_ALONE_PACED, pacedEcho, load)));
                        }
                    }
                    notes.add(GatewayTargets.p50Note(results, load));
                }
                notes.add(GatewayTargets.pacedP50Note(results, HTTP_ALONE_PACED, PACED_PAUSE.toMillis() + " ms"));
                notes.add(GatewayTargets.rateSearch(rate -> guard.measure(() -> measure(context, "GATEWAY",
                        sides.get("GATEWAY"), openLoad(rate))), SEARCH_RATES, SEARCH_P99_MS));
            }
            notes.addAll(guard.notes());
            notes.add(String.format("HTTP load client: at most %d connections, peak %d to HTTP-ALONE and %d to GATEWAY",
                    HttpLoadSettings.DEFAULT_MAX_CONNECTIONS, echoHttp.peakConnections(), planeHttp.peakConnections()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("loads", loads().toString());
        settings.put("secondsPerOpenLoopRun", Integer.toString(context.seconds()));
        settings.put("jitWarmUp", JIT_WARMUP_SECONDS + " s at " + JIT_WARMUP_RATE + " req/s per side before the first run,"
                + " then " + PATTERN_WARMUP_CLOSED_CALLS + " closed-loop calls and " + PATTERN_WARMUP_SECONDS + " s at each"
                + " open-loop rate; then " + WARMUP_SECONDS + " s (open loop) or " + CLOSED_CALLS_PER_SECOND * WARMUP_SECONDS
                + " calls (closed loop) before each run");
        settings.put("closedLoopCalls", Integer.toString(CLOSED_CALLS_PER_SECOND * context.seconds()));
        settings.put("function", FUNCTION_SETTINGS);
        settings.put("httpAlone", "Micronaut echo endpoint (POST /echo, Netty server, event loop), own JVM, the bench's"
                + " class path without the Magnetar modules");
        settings.put("httpAlonePaced", "diagnostic, closed loop only: HTTP-ALONE with " + PACED_PAUSE.toMillis()
                + " ms idle before each call (not timed), as the gateway's HTTP threads idle while a call waits for its"
                + " reply; not part of the target");
        settings.put("rawRequestReply", "RequestReplyClient in the bench JVM -> persistent request topic -> plain-client"
                + " responder JVM -> non-persistent reply topic");
        settings.put("runtimeRequestReply", "diagnostic: RequestReplyClient in the bench JVM -> the function's input topic"
                + " -> the replica -> non-persistent reply topic (CPU column: the replica)");
        settings.put("httpClient", "Netty HTTP/1.1 load client in the bench JVM: keep-alive pool of at most "
                + HttpLoadSettings.DEFAULT_MAX_CONNECTIONS + " connections per side, one call in flight per connection");
        settings.put("disturbedRuns", StealGuard.RULE);
        settings.put("repetitions", context.repetitions() + " per load and side, round-robin; the table shows the median"
                + " of each percentile over them (min–max), the notes the medians; the rate search runs once");
        return PipeLatencyScenario.repeatedOutcome(NAME, settings, LatencyRepetitions.group(results), notes);
    }

    static List<String> loads() {
        List<String> loads = new ArrayList<>();
        loads.add(GatewayTargets.CLOSED_LOOP);
        OPEN_RATES.forEach(rate -> loads.add(openLoad(rate)));
        return loads;
    }

    static String openLoad(int rate) {
        return String.format("%,d req/s", rate);
    }

    private static LatencyResult measure(BenchContext context, String name, Side side, String load) {
        long cpu0 = ProcessCpu.millis(side.pid());
        long broker0 = ProcessCpu.millis(context.brokerPid());
        MachineCpuTimes machine0 = MachineCpuTimes.read();
        LoadDriver.Outcome outcome;
        double rate;
        if (load.equals(GatewayTargets.CLOSED_LOOP)) {
            rate = 0;
            long calls = (long) CLOSED_CALLS_PER_SECOND * context.seconds();
            outcome = LoadDriver.closedLoop(side.caller(), CLOSED_CALLS_PER_SECOND * WARMUP_SECONDS, calls, side.pause());
        } else {
            rate = Double.parseDouble(load.replaceAll("[^0-9]", ""));
            outcome = LoadDriver.openLoop(side.caller(), rate, (long) rate * WARMUP_SECONDS, (long) rate * context.seconds());
        }
        double steal = MachineCpuTimes.read().stealPercentSince(machine0);
        System.out.printf("[%s] %s: %,d calls, %,d errors, p50 %.2f ms, p99 %.2f ms, machine steal %.1f %%%s%n", name,
                load, outcome.sent(), outcome.errors(), outcome.latencies().summary().p50(),
                outcome.latencies().summary().p99(), steal,
                outcome.firstError() == null ? "" : "; first error: " + outcome.firstError());
        return new LatencyResult(name, load, rate, outcome.sent(), outcome.errors(), outcome.latencies().summary(),
                outcome.latencies().curve(LatencyResult.CURVE_PERCENTILES), ProcessCpu.millis(side.pid()) - cpu0,
                ProcessCpu.millis(context.brokerPid()) - broker0, steal);
    }

    private static void warmUp(String name, Side side) {
        LoadDriver.Outcome outcome = LoadDriver.openLoop(side.caller(), JIT_WARMUP_RATE, 0,
                (long) JIT_WARMUP_RATE * JIT_WARMUP_SECONDS);
        System.out.printf("[%s] JIT warm-up, %,d req/s for %d s (not recorded): %,d errors, p99 %.2f ms%n", name,
                JIT_WARMUP_RATE, JIT_WARMUP_SECONDS, outcome.errors(), outcome.latencies().summary().p99());
        long errors = LoadDriver.closedLoop(side.caller(), 0, PATTERN_WARMUP_CLOSED_CALLS).errors();
        for (int rate : OPEN_RATES) {
            errors += LoadDriver.openLoop(side.caller(), rate, 0, (long) rate * PATTERN_WARMUP_SECONDS).errors();
        }
        System.out.printf("[%s] warm-up at each measured load (not recorded): %,d errors%n", name, errors);
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

    private static String functionYaml(BenchContext context) {
        FunctionCode code = FunctionCode.exclamation(context.installation());
        return """
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                metadata:
                  name: %s
                spec:
                  tenant: public
                  namespace: default
                  runtime:
                    className: %s
                    jar: %s
                  inputs:
                    - %s
                  output: persistent://public/default/%s-out
                """.formatted(FUNCTION, code.className(), code.jar(), inputTopic(), FUNCTION);
    }

    private static String inputTopic() {
        return "persistent://public/default/" + FUNCTION + "-in";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A side to measure: its caller, the process whose CPU it costs, and its closed loop's pause before each call. */
    private record Side(Caller caller, long pid, Duration pause) {
        Side(Caller caller, long pid) {
            this(caller, pid, Duration.ZERO);
        }
    }
}
