package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.WindowSpec;
import io.micronaut.http.HttpStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTargetTest {
    private static final GatewayConfig CONFIG = new GatewayConfig(1024, 10, java.time.Duration.ofMinutes(5), "public",
            "default", "g1", 10, null, java.time.Duration.ofSeconds(10));

    @Test
    void aWindowFunctionIsRefusedAtOnceNamingItsInputTopic() {
        Function windowed = TestFunctionDirectory.definition("public", "default", "sums", "in", 10_000);
        windowed.getSpec().setWindow(new WindowSpec(10, null, null, null, null, null, null, null, null));
        FunctionDirectory directory = (tenant, namespace, name) -> Optional.of(ResolvedFunction.of(windowed));

        CallTarget target = CallTarget.resolve(directory, CONFIG, "public", "default", "sums", new byte[0]);

        assertThat(target.refused()).isTrue();
        assertThat(target.refusal().code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(target.refusal().body().toString()).contains("public/default/sums is a window function",
                "publish to its input topic persistent://public/default/in instead");
    }

    @Test
    void aFunctionWithAnInputTopicIsCalledThere() {
        FunctionDirectory directory = (tenant, namespace, name) -> Optional.of(
                TestFunctionDirectory.function("public", "default", "echo", "in", 10_000));

        CallTarget target = CallTarget.resolve(directory, CONFIG, "public", "default", "echo", null);

        assertThat(target.refused()).isFalse();
        assertThat(target.topic()).isEqualTo("persistent://public/default/in");
        assertThat(target.payload()).isEmpty();
    }
}
