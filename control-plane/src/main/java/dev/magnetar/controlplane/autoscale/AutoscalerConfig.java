package dev.magnetar.controlplane.autoscale;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The standalone autoscaler ({@code magnetar.autoscaler.*}).
 *
 * @param interval time between two looks at every autoscaled function's load; a call to a function at zero
 *                 replicas does not wait for it
 */
@ConfigurationProperties(AutoscalerConfig.PREFIX)
public record AutoscalerConfig(@Bindable(defaultValue = "1s") Duration interval) {
    public static final String PREFIX = "magnetar.autoscaler";

    public AutoscalerConfig {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".interval is " + interval + ": give a positive duration, e.g. 1s");
        }
    }
}
