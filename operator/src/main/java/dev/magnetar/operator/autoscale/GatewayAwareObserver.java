package dev.magnetar.operator.autoscale;

import dev.magnetar.controlplane.autoscale.Observation;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Another observer's view of each function, with the calls the gateways report waiting for it and whether one just arrived. */
public final class GatewayAwareObserver implements LoadObserver {
    private final LoadObserver pulsar;
    private final GatewayCallTally tally;
    private final Clock clock;

    public GatewayAwareObserver(LoadObserver pulsar, GatewayCallTally tally, Clock clock) {
        this.pulsar = pulsar;
        this.tally = tally;
        this.clock = clock;
    }

    @Override
    public Map<String, Observation> observe(List<AutoscaledFunction> functions) {
        Map<String, Observation> seen = new HashMap<>(pulsar.observe(functions));
        for (AutoscaledFunction function : functions) {
            String fqfn = function.resolved().fqfn();
            Observation base = seen.getOrDefault(function.key(), new Observation(null, 0, 0, 0, 0, null, false));
            boolean arrived = tally.takeArrival(fqfn);
            seen.put(function.key(), base.withGateway(tally.waiting(fqfn, clock.instant()), arrived));
        }
        return seen;
    }
}
