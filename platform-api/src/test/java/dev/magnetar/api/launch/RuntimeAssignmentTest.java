package dev.magnetar.api.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a pooled JVM is given reads back as written, carries only the runtime's settings, and never prints a value. */
class RuntimeAssignmentTest {
    private static final Map<String, String> SETTINGS = Map.of(
            Option.FUNCTION_FILE.variable(), "/data/run/public.default.echo/function-abc.yaml",
            Option.INSTANCE_ID.variable(), "2",
            Option.PULSAR_AUTH_TOKEN.variable(), "secret-token\nwith a line break");

    @Test
    void aLineReadsBackAsTheSettingsWritten() {
        String line = new RuntimeAssignment(SETTINGS).toLine();

        assertThat(line).doesNotContain("\n");
        assertThat(RuntimeAssignment.parse(line).settings()).isEqualTo(SETTINGS);
    }

    @Test
    void onlyTheRuntimesOwnSettingsTravelInAnAssignment() {
        assertThat(RuntimeAssignment.carries(Option.HTTP_ACCESS_TOKEN.variable())).isTrue();
        assertThat(RuntimeAssignment.carries("GREETING")).as("a function's own variable").isFalse();
        assertThat(RuntimeAssignment.carries(Option.ASSIGNMENT.variable())).isFalse();
        assertThatThrownBy(() -> new RuntimeAssignment(Map.of("DB_PASSWORD", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'DB_PASSWORD' is not a setting");
        assertThatThrownBy(() -> RuntimeAssignment.parse("{\"MAGNETAR_ASSIGNMENT\":\"stdin\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineThatIsNotAnObjectOfStringsIsRefusedWithoutQuotingIt() {
        for (String line : new String[] {"secret-token", "[\"secret-token\"]", "null",
                "{\"MAGNETAR_INSTANCE_ID\": {\"secret-token\": 1}}"}) {
            assertThatThrownBy(() -> RuntimeAssignment.parse(line)).as(line)
                    .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("secret-token");
        }
    }

    @Test
    void itsTextNamesTheSettingsButNoValue() {
        assertThat(new RuntimeAssignment(SETTINGS).toString()).contains(Option.PULSAR_AUTH_TOKEN.variable())
                .doesNotContain("secret-token").doesNotContain("function-abc");
    }
}
