package dev.magnetar.controlplane.api.pulsar;

import dev.magnetar.api.v1alpha1.WindowSpec;
import org.apache.pulsar.common.functions.WindowConfig;

/** Pulsar's {@link WindowConfig} to {@code spec.window} and back: the same fields under the same names. */
final class WindowConfigs {
    private WindowConfigs() {
    }

    /** Null for none. Pulsar's internal processing guarantee of the window is the function's, so it is not kept. */
    static WindowSpec toSpec(WindowConfig config) {
        if (config == null) {
            return null;
        }
        return new WindowSpec(config.getWindowLengthCount(), config.getWindowLengthDurationMs(),
                config.getSlidingIntervalCount(), config.getSlidingIntervalDurationMs(), config.getLateDataTopic(),
                config.getMaxLagMs(), config.getWatermarkEmitIntervalMs(), config.getTimestampExtractorClassName(),
                config.getActualWindowFunctionClassName());
    }

    /** As Pulsar shows a window: with the inferred values, and the function's class as the actual window function. */
    static WindowConfig toPulsar(WindowSpec resolved, String className) {
        if (resolved == null) {
            return null;
        }
        return new WindowConfig()
                .setWindowLengthCount(resolved.windowLengthCount())
                .setWindowLengthDurationMs(resolved.windowLengthDurationMs())
                .setSlidingIntervalCount(resolved.slidingIntervalCount())
                .setSlidingIntervalDurationMs(resolved.slidingIntervalDurationMs())
                .setLateDataTopic(resolved.lateDataTopic())
                .setMaxLagMs(resolved.maxLagMs())
                .setWatermarkEmitIntervalMs(resolved.watermarkEmitIntervalMs())
                .setTimestampExtractorClassName(resolved.timestampExtractorClassName())
                .setActualWindowFunctionClassName(className);
    }
}
