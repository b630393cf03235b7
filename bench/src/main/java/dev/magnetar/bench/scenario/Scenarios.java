package dev.magnetar.bench.scenario;

import java.util.List;

/** Every scenario, in the order "all" runs them. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(new ThroughputScenario(), new IoBoundScenario(), new PipeLatencyScenario(),
                new dev.magnetar.bench.gateway.GatewayScenario(), new dev.magnetar.bench.gateway.GatewayAuthScenario(),
                new ColdStartScenario(),
                new ScaleOutScenario(),
                new dev.magnetar.bench.autoscale.AutoscaleBurstScenario(),
                new dev.magnetar.bench.autoscale.ScaleFromZeroScenario(),
                new dev.magnetar.bench.controller.ControllerScenario(),
                new dev.magnetar.bench.state.StateScenario());
    }

    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }
}
