package dev.magnetar.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.ProcessingGuarantee;
import dev.magnetar.api.v1alpha1.WindowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowRulesTest {

    private static Function windowed(WindowSpec window) {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setWindow(window);
        return function;
    }

    private static WindowSpec count(Integer length, Integer sliding) {
        return new WindowSpec(length, null, sliding, null, null, null, null, null, null);
    }

    private static WindowSpec duration(Long length, Long sliding) {
        return new WindowSpec(null, length, null, sliding, null, null, null, null, null);
    }

    private static List<Violation> violations(Function function) {
        return FunctionValidator.validate(function);
    }

    @Test
    void acceptsCountAndDurationWindowsTumblingOrSliding() {
        assertThat(violations(windowed(count(10, null)))).isEmpty();
        assertThat(violations(windowed(count(10, 5)))).isEmpty();
        assertThat(violations(windowed(duration(1_000L, null)))).isEmpty();
        assertThat(violations(windowed(duration(1_000L, 500L)))).isEmpty();
    }

    @Test
    void aLengthIsRequiredAndOnlyOne() {
        assertThat(violations(windowed(count(null, null))))
                .extracting(Violation::field).containsExactly("spec.window.windowLengthCount");
        assertThat(violations(windowed(new WindowSpec(10, 1_000L, null, null, null, null, null, null, null))))
                .extracting(Violation::field).containsExactly("spec.window.windowLengthDurationMs");
    }

    @Test
    void lengthAndSlidingIntervalAreBothCountsOrBothDurations() {
        List<Violation> mixed = violations(windowed(new WindowSpec(10, null, null, 500L, null, null, null, null, null)));
        assertThat(mixed).extracting(Violation::field).containsExactly("spec.window.slidingIntervalDurationMs");
        assertThat(mixed.get(0).message()).contains("windowLengthCount", "slidingIntervalCount");

        assertThat(violations(windowed(new WindowSpec(null, 1_000L, 5, null, null, null, null, null, null))))
                .extracting(Violation::field).containsExactly("spec.window.slidingIntervalCount");
    }

    @Test
    void valuesMustBePositive() {
        assertThat(violations(windowed(count(0, -1)))).extracting(Violation::toString).containsExactlyInAnyOrder(
                "spec.window.windowLengthCount: is 0: must be above 0",
                "spec.window.slidingIntervalCount: is -1: must be above 0");
    }

    @Test
    void eventTimeSettingsNeedATimestampExtractor() {
        assertThat(violations(windowed(new WindowSpec(null, 1_000L, null, null, "late", 10L, 100L, null, null))))
                .extracting(Violation::field).containsExactlyInAnyOrder("spec.window.lateDataTopic",
                        "spec.window.maxLagMs", "spec.window.watermarkEmitIntervalMs");
        assertThat(violations(windowed(new WindowSpec(null, 1_000L, null, null, "late", 10L, 100L,
                "org.example.Ts", null)))).isEmpty();
        assertThat(violations(windowed(new WindowSpec(null, 1_000L, null, null, "in", -1L, 0L, "not a class", null))))
                .extracting(Violation::field).containsExactlyInAnyOrder("spec.window.lateDataTopic",
                        "spec.window.maxLagMs", "spec.window.watermarkEmitIntervalMs",
                        "spec.window.timestampExtractorClassName");
    }

    @Test
    void refusesWhatPulsarRefusesBesideAWindow() {
        Function function = windowed(count(10, null));
        function.getSpec().setAutoAck(true);
        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.EFFECTIVELY_ONCE);
        function.getSpec().setConcurrency(4);

        assertThat(violations(function)).extracting(Violation::field)
                .contains("spec.autoAck", "spec.processingGuarantee", "spec.concurrency");
    }

    @Test
    void anActualClassNameMustBeTheRuntimeClass() {
        assertThat(violations(windowed(new WindowSpec(10, null, null, null, null, null, null, null,
                "org.example.Exclamation")))).isEmpty();
        assertThat(violations(windowed(new WindowSpec(10, null, null, null, null, null, null, null, "org.example.Other"))))
                .extracting(Violation::field).containsExactly("spec.window.actualWindowFunctionClassName");
    }

    @Test
    void autoAckFalseIsRefusedWithAtMostOnceOnly() {
        Function function = FunctionValidatorTest.valid();
        function.getSpec().setAutoAck(false);
        assertThat(violations(function)).isEmpty();

        function.getSpec().setProcessingGuarantee(ProcessingGuarantee.ATMOST_ONCE);
        assertThat(violations(function)).extracting(Violation::field).containsExactly("spec.autoAck");
    }

    @Test
    void resolvingInfersTheSlidingIntervalAndEventTimeDefaultsAsPulsarDoes() {
        ResolvedFunction count = ResolvedFunction.of(windowed(count(10, null)));
        assertThat(count.window().slidingIntervalCount()).isEqualTo(10);
        assertThat(count.autoAck()).as("the windows ack").isFalse();

        ResolvedFunction eventTime = ResolvedFunction.of(windowed(new WindowSpec(null, 1_000L, null, 250L, "late",
                null, null, "org.example.Ts", null)));
        assertThat(eventTime.window().slidingIntervalDurationMs()).isEqualTo(250L);
        assertThat(eventTime.window().maxLagMs()).isEqualTo(ResolvedFunction.DEFAULT_MAX_LAG_MS);
        assertThat(eventTime.window().watermarkEmitIntervalMs())
                .isEqualTo(ResolvedFunction.DEFAULT_WATERMARK_EMIT_INTERVAL_MS);
        assertThat(eventTime.window().lateDataTopic()).isEqualTo("persistent://public/default/late");

        assertThat(ResolvedFunction.of(FunctionValidatorTest.valid()).autoAck()).isTrue();
    }
}
