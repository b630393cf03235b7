package dev.magnetar.api.validation;

import dev.magnetar.api.naming.TopicNames;
import dev.magnetar.api.v1alpha1.FunctionSpec;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of {@code spec.window}, Pulsar's ({@code WindowConfigUtils.validate} and the function checks around it)
 * plus one Pulsar leaves implicit: the length and the sliding interval are both counts or both durations (Pulsar
 * silently ignores a sliding duration beside a length count). Settings that only event time reads are refused
 * without a timestamp extractor rather than ignored.
 */
final class WindowRules {
    private static final String AT = "spec.window.";
    private static final Pattern JAVA_CLASS =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private WindowRules() {
    }

    static void check(List<Violation> out, FunctionSpec spec) {
        WindowSpec window = spec.getWindow();
        if (window == null) {
            return;
        }
        checkLengthAndInterval(out, window);
        checkEventTime(out, spec, window);
        if (Boolean.TRUE.equals(spec.getAutoAck())) {
            out.add(new Violation("spec.autoAck", "is true, but a window function's messages are acked when they leave"
                    + " their window (Pulsar: auto ack cannot be enabled with windowing): remove autoAck"));
        }
        if (spec.getProcessingGuarantee() == ProcessingGuarantee.EFFECTIVELY_ONCE) {
            out.add(new Violation("spec.processingGuarantee", "EFFECTIVELY_ONCE is not supported for window functions"
                    + " (as in Pulsar): use ATLEAST_ONCE (the default) or ATMOST_ONCE"));
        }
        if (spec.getConcurrency() != null && spec.getConcurrency() > 1) {
            out.add(new Violation("spec.concurrency", "is " + spec.getConcurrency() + ", but a replica runs its"
                    + " windows one after another: leave concurrency out (or 1) and add replicas instead"));
        }
        String className = spec.getRuntime() == null ? null : spec.getRuntime().className();
        if (window.actualWindowFunctionClassName() != null
                && !window.actualWindowFunctionClassName().equals(className)) {
            out.add(new Violation(AT + "actualWindowFunctionClassName", "is '" + window.actualWindowFunctionClassName()
                    + "' but spec.runtime.className is '" + className + "': the runtime runs spec.runtime.className;"
                    + " leave this out"));
        }
    }

    private static void checkLengthAndInterval(List<Violation> out, WindowSpec window) {
        boolean byCount = window.windowLengthCount() != null;
        boolean byDuration = window.windowLengthDurationMs() != null;
        if (!byCount && !byDuration) {
            out.add(new Violation(AT + "windowLengthCount", "or windowLengthDurationMs is required: the window's"
                    + " length in messages or in milliseconds"));
        } else if (byCount && byDuration) {
            out.add(new Violation(AT + "windowLengthDurationMs", "and windowLengthCount are both set: give the"
                    + " window's length in messages or in milliseconds, not both"));
        }
        positive(out, "windowLengthCount", window.windowLengthCount());
        positive(out, "windowLengthDurationMs", window.windowLengthDurationMs());
        positive(out, "slidingIntervalCount", window.slidingIntervalCount());
        positive(out, "slidingIntervalDurationMs", window.slidingIntervalDurationMs());
        if (window.slidingIntervalCount() != null && window.slidingIntervalDurationMs() != null) {
            out.add(new Violation(AT + "slidingIntervalDurationMs", "and slidingIntervalCount are both set: give"
                    + " the interval in messages or in milliseconds, not both"));
        } else if (byDuration && !byCount && window.slidingIntervalCount() != null) {
            out.add(new Violation(AT + "slidingIntervalCount", "is set but the window's length is a duration"
                    + " (windowLengthDurationMs): give slidingIntervalDurationMs instead, or leave it out for a"
                    + " tumbling window"));
        } else if (byCount && !byDuration && window.slidingIntervalDurationMs() != null) {
            out.add(new Violation(AT + "slidingIntervalDurationMs", "is set but the window's length is a count"
                    + " (windowLengthCount): give slidingIntervalCount instead, or leave it out for a tumbling"
                    + " window"));
        }
    }

    private static void checkEventTime(List<Violation> out, FunctionSpec spec, WindowSpec window) {
        String extractor = window.timestampExtractorClassName();
        if (extractor == null) {
            eventTimeOnly(out, "lateDataTopic", window.lateDataTopic());
            eventTimeOnly(out, "maxLagMs", window.maxLagMs());
            eventTimeOnly(out, "watermarkEmitIntervalMs", window.watermarkEmitIntervalMs());
            return;
        }
        if (!JAVA_CLASS.matcher(extractor).matches()) {
            out.add(new Violation(AT + "timestampExtractorClassName", "'" + extractor + "' is not a Java class name"));
        }
        if (window.maxLagMs() != null && window.maxLagMs() < 0) {
            out.add(new Violation(AT + "maxLagMs", "is " + window.maxLagMs() + ": must be 0 or more"));
        }
        positive(out, "watermarkEmitIntervalMs", window.watermarkEmitIntervalMs());
        if (window.lateDataTopic() != null) {
            String problem = TopicNames.problem(window.lateDataTopic());
            if (problem != null) {
                out.add(new Violation(AT + "lateDataTopic", problem));
            } else if (spec.getInputs() != null && spec.getInputs().contains(window.lateDataTopic())) {
                out.add(new Violation(AT + "lateDataTopic", "'" + window.lateDataTopic() + "' is also an input: the"
                        + " function would consume its own late messages; pick another topic"));
            }
        }
    }

    private static void eventTimeOnly(List<Violation> out, String field, Object value) {
        if (value != null) {
            out.add(new Violation(AT + field, "is set but applies to event time only: set"
                    + " spec.window.timestampExtractorClassName too, or remove it"));
        }
    }

    private static void positive(List<Violation> out, String field, Number value) {
        if (value != null && value.longValue() <= 0) {
            out.add(new Violation(AT + field, "is " + value + ": must be above 0"));
        }
    }
}
