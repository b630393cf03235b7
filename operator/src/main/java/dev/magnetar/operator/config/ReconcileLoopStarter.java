package dev.magnetar.operator.config;

import dev.magnetar.controlplane.config.ControlPlaneConfig;
import dev.magnetar.operator.leader.LeaderElectedLoop;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/** Stands for leader, and so starts reconciling, once the application context is up (Kubernetes mode only). */
@Singleton
@Requires(property = KubernetesModeConfig.MODE_PROPERTY, value = KubernetesModeConfig.KUBERNETES)
@Requires(property = ControlPlaneConfig.CONTROLLER_ENABLED_PROPERTY, notEquals = "false")
public class ReconcileLoopStarter implements ApplicationEventListener<StartupEvent> {
    private final LeaderElectedLoop loop;

    public ReconcileLoopStarter(LeaderElectedLoop loop) {
        this.loop = loop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.start();
    }
}
