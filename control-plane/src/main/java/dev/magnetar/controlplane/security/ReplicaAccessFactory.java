package dev.magnetar.controlplane.security;

import dev.magnetar.security.keys.KeySetting;
import dev.magnetar.security.replica.ReplicaAccess;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The key replica access tokens are derived from: configured where replicas outlive this process, else random. */
@Factory
public class ReplicaAccessFactory {

    @Singleton
    ReplicaAccess replicaAccess(AuthConfig config) {
        String key = config.replicaAccessKey();
        if (key == null || key.isBlank()) {
            return ReplicaAccess.random();
        }
        return new ReplicaAccess(KeySetting.read(AuthConfig.PREFIX + ".replica-access-key", key));
    }
}
