package dev.magnetar.bench.gateway;

import dev.magnetar.bench.harness.StealGuard;
import dev.magnetar.bench.http.HttpLoadClient;
import dev.magnetar.bench.http.HttpLoadSettings;
import dev.magnetar.bench.latency.LatencyRepetitions;
import dev.magnetar.bench.latency.LatencyResult;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.PipeLatencyScenario;
import dev.magnetar.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "gateway-auth": what authentication costs a gateway call. Two real control planes side by side, the same function
 * deployed to each under its own name and input topic: GATEWAY-AUTH-OFF without authentication, GATEWAY-AUTH-ON with
 * it, called with the token of a role that may call the function only through a {@code produce} grant, so every call
 * goes through token verification and the permission check. Loads and warm-up as the gateway scenario's.
 */
public final class GatewayAuthScenario implements Scenario {
    public static final String NAME = "gateway-auth";
    static final String OFF = "GATEWAY-AUTH-OFF";
    static final String ON = "GATEWAY-AUTH-ON";
    static final String OFF_FUNCTION = "bench-echo-auth-off";
    static final String ON_FUNCTION = "bench-echo-auth-on";
    /** The target: authentication adds at most this share to the gateway's p50. */
    static final double MAX_P50_RATIO = 1.05;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        GatewayAuth auth = new GatewayAuth();
        GatewayAuth.grantProduce(context.adminUrl(), EchoFunction.TENANT, EchoFunction.NAMESPACE);
        Path dir = Files.createDirectories(context.workDir().resolve("gateway-auth-" + System.nanoTime()));
        List<LatencyResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StealGuard<LatencyResult> guard = LatencyResult.stealGuard();
        int offPort = GatewaySides.freePort();
        int onPort = GatewaySides.freePort();
        try (ControlPlaneProcess off = start(context, dir.resolve("control-plane-auth-off"), offPort,
                ControlPlaneProcess.Extra.NONE);
             ControlPlaneProcess on = start(context, dir.resolve("control-plane-auth-on"), onPort, auth.controlPlane());
             HttpLoadClient offHttp = GatewaySides.httpClient(offPort);
             HttpLoadClient onHttp = GatewaySides.httpClient(onPort)) {
            deploy(context, off, OFF_FUNCTION);
            deploy(context, on, ON_FUNCTION);
            auth.requireEnforced(onHttp, EchoFunction.gatewayPath(ON_FUNCTION));
            Map<String, Side> sides = new LinkedHashMap<>();
            sides.put(OFF, new Side(GatewaySides.http(offHttp, EchoFunction.gatewayPath(OFF_FUNCTION)), off.pid()));
            sides.put(ON, new Side(GatewaySides.http(onHttp, EchoFunction.gatewayPath(ON_FUNCTION),
                    auth.callerHeaders()), on.pid()));
            sides.forEach(GatewayRuns::warmUp);
            for (String load : GatewayRuns.loads()) {
                // Round-robin over the sides: outside load spreads over both instead of skewing the ratio.
                for (int i = 0; i < context.repetitions(); i++) {
                    results.addAll(GatewayRuns.round(context, guard, sides, load));
                }
                notes.add(GatewayTargets.onOffNote(results, load, OFF, ON, MAX_P50_RATIO));
            }
            notes.addAll(guard.notes());
            notes.add(String.format("HTTP load client: at most %d connections, peak %d to %s and %d to %s",
                    HttpLoadSettings.DEFAULT_MAX_CONNECTIONS, offHttp.peakConnections(), OFF, onHttp.peakConnections(),
                    ON));
        }
        return PipeLatencyScenario.repeatedOutcome(NAME, settings(context), LatencyRepetitions.group(results), notes);
    }

    private static ControlPlaneProcess start(BenchContext context, Path dir, int port, ControlPlaneProcess.Extra extra)
            throws IOException {
        return ControlPlaneProcess.start(context.installation(), context.serviceUrl(), context.adminUrl(), dir, port,
                context.jfr(), extra);
    }

    private static void deploy(BenchContext context, ControlPlaneProcess plane, String function) throws IOException {
        plane.deploy(EchoFunction.TENANT, EchoFunction.NAMESPACE, function, EchoFunction.yaml(context, function), 1);
    }

    private static Map<String, String> settings(BenchContext context) {
        Map<String, String> settings = GatewayRuns.settings(context);
        settings.put("sides", OFF + ": a control plane without authentication, calls " + EchoFunction.gatewayPath(
                OFF_FUNCTION) + "; " + ON + ": a second control plane with magnetar.auth.enabled, calls "
                + EchoFunction.gatewayPath(ON_FUNCTION) + "; each its own copy of the function, its own input topic and"
                + " replica, both running throughout");
        settings.put("authentication", "HS256 bearer token of role '" + GatewayAuth.CALLER + "' on every call, the same"
                + " token throughout (the control plane remembers a verified token until it expires); the role is no"
                + " superuser and no tenant admin, it may call the function only because Pulsar grants it 'produce' on "
                + EchoFunction.TENANT + "/" + EchoFunction.NAMESPACE + ", so each call goes through the permission"
                + " check, whose grants the control plane reads from Pulsar's admin API and reuses for"
                + " magnetar.auth.permission-cache-ttl (default)");
        settings.put("authCheck", "before measuring, " + ON + " must answer 401 without a token, 403 to a role"
                + " granted nothing and 200 to '" + GatewayAuth.CALLER + "'");
        settings.put("target", String.format("p50 of %s ≤ %.2f × p50 of %s at each load; the p99 ratio is reported",
                ON, MAX_P50_RATIO, OFF));
        return settings;
    }
}
