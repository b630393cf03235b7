package dev.magnetar.bench.scenario;

import java.util.List;

/** Every scenario, in the order "all" runs them; the ones that run only when named come last. */
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
                new dev.magnetar.bench.state.StateScenario(),
                new dev.magnetar.bench.chaos.ChaosScenario());
    }

    public static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }

    /**
     * The scenarios "all" runs: every one but chaos, which checks an invariant rather than measuring a ratio, takes ten
     * minutes and kills processes, so it runs when named.
     */
    public static List<String> suiteNames() {
        return names().stream().filter(name -> !name.equals(dev.magnetar.bench.chaos.ChaosScenario.NAME)).toList();
    }
}
