package dev.magnetar.controlplane.autoscale;

import dev.magnetar.api.replicas.FunctionReplicas;
import dev.magnetar.api.replicas.ReplicaScaler;
import dev.magnetar.bridge.load.SubscriptionLoads;
import dev.magnetar.controlplane.service.ScalingStatus;
import dev.magnetar.security.replica.ReplicaAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.apache.pulsar.client.admin.PulsarAdmin;

/**
 * The autoscaler where this mode scales replicas itself (standalone), started with the function service that reads
 * its status; elsewhere (Kubernetes, where the operator scales) the status the operator wrote is read instead.
 */
@Factory
public class AutoscalerFactory {
    @Singleton
    @Bean(preDestroy = "close")
    public Autoscaler autoscaler(FunctionReplicas replicas, PulsarAdmin admin, GatewayCalls calls,
                                 ReplicaAccess access, MeterRegistry registry, AutoscalerConfig config) {
        ReplicaScaler scaler = replicas.scaler().orElse(NONE);
        LoadObserver loads = new PulsarLoads(new SubscriptionLoads(admin, SubscriptionLoads.Settings.DEFAULT,
                Clock.systemUTC()), new ReplicaInFlight(replicas, access), new ReplicaCpu(replicas), calls);
        Autoscaler autoscaler = new Autoscaler(scaler, loads, calls,
                new ScaleMetrics(registry), Clock.systemUTC(), config.interval());
        if (replicas.scaler().isPresent()) {
            autoscaler.start();
        }
        return autoscaler;
    }

    @Singleton
    public ScalingStatus scalingStatus(FunctionReplicas replicas, Autoscaler autoscaler) {
        return replicas.scaler().isPresent() ? autoscaler::view : ScalingStatus.FROM_DEFINITION;
    }

    private static final ReplicaScaler NONE = new ReplicaScaler() {
        @Override
        public List<Autoscaled> autoscaled() {
            return List.of();
        }

        @Override
        public void scaleTo(String fqfn, int replicas) {
        }
    };
}
