package dev.magnetar.operator.config;

import dev.magnetar.api.protocol.ReplicaStatusReader;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.bridge.load.SubscriptionLoads;
import dev.magnetar.bridge.packages.PulsarPackageTopics;
import dev.magnetar.bridge.provision.TopicProvisioner;
import dev.magnetar.bridge.pulsar.PulsarConfig;
import dev.magnetar.gateway.http.GatewayConfig;
import dev.magnetar.operator.autoscale.AutoscalerLoop;
import dev.magnetar.operator.autoscale.FunctionScaler;
import dev.magnetar.operator.autoscale.GatewayAwareObserver;
import dev.magnetar.operator.autoscale.GatewayCallTally;
import dev.magnetar.operator.autoscale.GatewayCallsReader;
import dev.magnetar.operator.autoscale.PulsarLoadObserver;
import dev.magnetar.operator.autoscale.ReplicaWorkObserver;
import dev.magnetar.operator.leader.LeaderElectedLoop;
import dev.magnetar.operator.leader.LeaderSettings;
import dev.magnetar.operator.leader.LeaderWorkGroup;
import dev.magnetar.operator.pulsar.PulsarTopics;
import dev.magnetar.operator.reconciler.FunctionEvents;
import dev.magnetar.operator.reconciler.FunctionReconciler;
import dev.magnetar.operator.reconciler.ReconcileLoop;
import dev.magnetar.operator.resources.RuntimeSettings;
import dev.magnetar.operator.resources.keda.KedaSettings;
import dev.magnetar.security.replica.ReplicaAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * Kubernetes mode's parts: the fabric8 client, the reconciler, and the leader-elected reconcile loop and autoscaler.
 * Nothing here exists unless {@code magnetar.mode=kubernetes}; standalone mode stays the default.
 */
@Factory
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
public class KubernetesModeFactory {
    private static final Duration REPLICA_TIMEOUT = Duration.ofMillis(500);

    @Singleton
    @Bean(preDestroy = "close")
    public KubernetesClient kubernetesClient(KubernetesModeConfig config) {
        ConfigBuilder builder = new ConfigBuilder(Config.autoConfigure(null));
        if (config.masterUrl() != null && !config.masterUrl().isBlank()) {
            builder.withMasterUrl(config.masterUrl());
        }
        return new KubernetesClientBuilder().withConfig(builder.build()).build();
    }

    @Singleton
    public RuntimeSettings runtimeSettings(KubernetesModeConfig config, PulsarConfig pulsar,
                                           @Nullable @Property(name = StateStorageSettings.URL_PROPERTY)
                                           String stateStorageUrl) {
        // The URLs only: the operator's own Pulsar credentials never reach a function, which brings its own.
        return new RuntimeSettings(config.runtimeImage(), pulsar.serviceUrl(), config.runtimeHttpPort(),
                config.rolloutDeadline(), pulsar.adminUrl(), blankToNull(stateStorageUrl));
    }

    @Singleton
    public KedaSettings kedaSettings(KedaConfig keda, PulsarConfig pulsar) {
        String adminUrl = keda.pulsarAdminUrl() == null || keda.pulsarAdminUrl().isBlank() ? pulsar.adminUrl()
                : keda.pulsarAdminUrl();
        return new KedaSettings(adminUrl, blankToNull(keda.authenticationRef()), keda.authenticationKind(),
                blankToNull(keda.authModes()));
    }

    @Singleton
    public FunctionReconciler functionReconciler(KubernetesClient client, RuntimeSettings settings, KedaSettings keda,
                                                 ReplicaAccess access, TopicProvisioner topics, PulsarAdmin admin) {
        return new FunctionReconciler(client, settings, keda, access,
                new PulsarTopics(topics, new PulsarPackageTopics(admin)), Clock.systemUTC());
    }

    /**
     * The reconcile loop and the autoscaler, run only while this replica holds the Lease (when leader election is on).
     * The autoscaler reads the Functions the reconcile loop's informer holds.
     */
    @Singleton
    @Bean(preDestroy = "close")
    public LeaderElectedLoop leaderElectedLoop(KubernetesClient client, FunctionReconciler reconciler,
                                               KubernetesModeConfig config, LeaderElectionConfig leader,
                                               AutoscalerConfig autoscaler, PulsarAdmin admin,
                                               PulsarClient pulsar, GatewayConfig gateway, ReplicaAccess access,
                                               RuntimeSettings runtime, @Nullable MeterRegistry registry) {
        String namespace = leader.leaseNamespace() != null ? leader.leaseNamespace()
                : client.getNamespace() != null ? client.getNamespace() : "default";
        String identity = leader.identity() != null ? leader.identity()
                : System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : "magnetar-" + UUID.randomUUID();
        LeaderSettings settings = new LeaderSettings(leader.enabled(), namespace, leader.leaseName(), identity,
                leader.leaseDuration(), leader.renewDeadline(), leader.retryPeriod());
        Clock clock = Clock.systemUTC();
        SubscriptionLoads loads = new SubscriptionLoads(admin, new SubscriptionLoads.Settings(autoscaler.maxAge(),
                autoscaler.interval(), autoscaler.maxLiveReads(), autoscaler.interval().multipliedBy(2)), clock);
        MeterRegistry meters = registry != null ? registry : new SimpleMeterRegistry();
        FunctionScaler scaler = new FunctionScaler(client, new FunctionEvents(client, clock));
        ReplicaStatusReader replicaStatus = new ReplicaStatusReader(replicaTimeout(autoscaler.interval()));
        return new LeaderElectedLoop(client, () -> {
            ReconcileLoop reconcile = new ReconcileLoop(client, reconciler, config.watchNamespaces(), config.resyncPeriod());
            GatewayCallTally calls = new GatewayCallTally();
            AutoscalerLoop autoscale = new AutoscalerLoop(reconcile::functions,
                    new GatewayAwareObserver(new ReplicaWorkObserver(new PulsarLoadObserver(loads, clock), client,
                            access, runtime.httpPort(), replicaStatus), calls, clock),
                    scaler, meters, clock, autoscaler.interval());
            GatewayCallsReader reports = new GatewayCallsReader(pulsar, gateway.replyTenant(), gateway.replyNamespace(),
                    calls, autoscale::lookNow, clock);
            return new LeaderWorkGroup(List.of(reconcile, autoscale, reports));
        }, settings);
    }

    /** How long the pods have to report their work at each look: half the interval, at most half a second. */
    static Duration replicaTimeout(Duration interval) {
        Duration half = interval.dividedBy(2);
        return half.compareTo(REPLICA_TIMEOUT) < 0 ? half : REPLICA_TIMEOUT;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
