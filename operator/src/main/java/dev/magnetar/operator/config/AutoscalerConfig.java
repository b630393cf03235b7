package dev.magnetar.operator.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Magnetar's autoscaler in Kubernetes mode ({@code magnetar.kubernetes.autoscaler.*}), for the Functions with
 * {@code autoscaling} and engine {@code magnetar}; it runs in the leading controller only.
 *
 * @param interval     how often it looks at every such function
 * @param maxAge       how old a subscription's backlog may be; older ones are read topic by topic (Pulsar's dump of
 *                     all topics, read in one call, is refreshed every {@code statsUpdateFrequencyInSecs} of the
 *                     broker, 60 s by default: with that at most this value, one call per interval is all it costs)
 * @param maxLiveReads most topics read one by one per interval
 */
@ConfigurationProperties(AutoscalerConfig.PREFIX)
public record AutoscalerConfig(
        @Bindable(defaultValue = "1s") Duration interval,
        @Bindable(defaultValue = "5s") Duration maxAge,
        @Bindable(defaultValue = "20") int maxLiveReads) {
    public static final String PREFIX = KubernetesModeConfig.PREFIX + ".autoscaler";
}
