package dev.magnetar.cli.functions;

import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.WindowSpec;
import picocli.CommandLine.Option;

/**
 * {@code spec.window} as pulsar-admin's flags. Any of them makes the function a window function; an update changes only
 * the ones given. Event-time settings (timestamp extractor, lag, late-data topic) come through
 * {@code --function-config-file}, as with pulsar-admin.
 */
public final class WindowFlags {
    @Option(names = "--window-length-count", paramLabel = "N", description = "Messages in a window")
    Integer windowLengthCount;

    @Option(names = "--window-length-duration-ms", paramLabel = "MS", description = "A window's length in milliseconds")
    Long windowLengthDurationMs;

    @Option(names = "--sliding-interval-count", paramLabel = "N",
            description = "Messages between two windows (default: the window's length, a tumbling window)")
    Integer slidingIntervalCount;

    @Option(names = "--sliding-interval-duration-ms", paramLabel = "MS",
            description = "Milliseconds between two windows (default: the window's length, a tumbling window)")
    Long slidingIntervalDurationMs;

    boolean given() {
        return windowLengthCount != null || windowLengthDurationMs != null || slidingIntervalCount != null
                || slidingIntervalDurationMs != null;
    }

    /** Sets the given flags over what the spec has; the function validator checks the result. */
    void applyTo(FunctionSpec spec) {
        if (!given()) {
            return;
        }
        WindowSpec was = spec.getWindow() == null
                ? new WindowSpec(null, null, null, null, null, null, null, null, null) : spec.getWindow();
        spec.setWindow(new WindowSpec(
                or(windowLengthCount, was.windowLengthCount()),
                or(windowLengthDurationMs, was.windowLengthDurationMs()),
                or(slidingIntervalCount, was.slidingIntervalCount()),
                or(slidingIntervalDurationMs, was.slidingIntervalDurationMs()),
                was.lateDataTopic(),
                was.maxLagMs(),
                was.watermarkEmitIntervalMs(),
                was.timestampExtractorClassName(),
                was.actualWindowFunctionClassName()));
    }

    private static <T> T or(T given, T was) {
        return given != null ? given : was;
    }
}
