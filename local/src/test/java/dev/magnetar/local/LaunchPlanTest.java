package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.state.StateStorageSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's command line as the plan writes it. */
class LaunchPlanTest {
    @TempDir
    Path dataDir;

    private List<String> command(String packageSha256) throws Exception {
        LaunchPlan plan = new LaunchPlan("public/default/echo", "public.default.echo", dataDir.resolve("echo.yaml"),
                Map.of(), List.of(), packageSha256);
        return plan.processFor(FakeRuntime.settings(dataDir), 0, List.of()).command();
    }

    @Test
    void theRecordedDigestOfTheJarIsPassedForTheReplicaToCheck() throws Exception {
        String sha256 = "c".repeat(64);

        List<String> command = command(sha256);

        assertThat(command).containsSequence(Option.PACKAGE_SHA256.flag(), sha256);
    }

    @Test
    void withoutARecordedDigestNoneIsPassed() throws Exception {
        assertThat(command(null)).doesNotContain(Option.PACKAGE_SHA256.flag());
    }

    private LaunchPlan plan(Map<String, String> environment, List<String> jvmOptions) {
        return new LaunchPlan("public/default/echo", "public.default.echo", dataDir.resolve("echo.yaml"), environment,
                jvmOptions, "d".repeat(64));
    }

    @Test
    void aPlanRunsInAWarmJvmOnlyWhenItsEnvironmentIsTheRuntimesOwnAndItHasNoJvmOptions() {
        Map<String, String> runtimeOnly = Map.of(Option.HTTP_ACCESS_TOKEN.variable(), "access",
                Option.PULSAR_AUTH_TOKEN.variable(), "token");

        assertThat(plan(runtimeOnly, List.of()).poolable()).isTrue();
        assertThat(plan(Map.of("GREETING", "hello"), List.of()).poolable()).as("spec.env").isFalse();
        assertThat(plan(Map.of("DB_PASSWORD", "secret"), List.of()).poolable()).as("spec.secrets").isFalse();
        assertThat(plan(runtimeOnly, List.of("-Xmx96m")).poolable()).as("spec.resources").isFalse();
    }

    @Test
    void theAssignmentCarriesWhatTheCommandLineAndEnvironmentOfAReplicaWouldHaveAndTheSharedOptionsTheRest()
            throws Exception {
        LaunchPlan plan = plan(Map.of(Option.HTTP_ACCESS_TOKEN.variable(), "access"), List.of());
        ReplicaSettings settings = FakeRuntime.settings(dataDir);

        Map<String, String> assigned = plan.assignment(3).settings();
        List<String> shared = LaunchPlan.sharedOptions(settings);

        assertThat(assigned).containsExactlyInAnyOrderEntriesOf(Map.of(
                Option.FUNCTION_FILE.variable(), dataDir.resolve("echo.yaml").toString(),
                Option.INSTANCE_ID.variable(), "3",
                Option.PACKAGE_SHA256.variable(), "d".repeat(64),
                Option.HTTP_ACCESS_TOKEN.variable(), "access"));
        assertThat(shared).containsSequence(Option.PULSAR_URL.flag(), settings.pulsarUrl())
                .contains(Option.PARENT_PID.flag(), Option.HTTP_PORT.flag(), Option.DRAIN_TIMEOUT_MS.flag())
                .doesNotContain(Option.FUNCTION_FILE.flag(), Option.INSTANCE_ID.flag(), Option.PACKAGE_SHA256.flag());
        assertThat(plan.processFor(settings, 3, List.of()).command()).containsAll(shared)
                .containsSequence(Option.INSTANCE_ID.flag(), "3");
    }

    @Test
    void everyReplicaIsToldWhereStateLivesOrWhyNowhere() throws Exception {
        ReplicaSettings settings = FakeRuntime.settings(dataDir);
        assertThat(LaunchPlan.sharedOptions(settings)).doesNotContain(Option.STATE_STORAGE_URL.flag(),
                Option.STATE_STORAGE_UNAVAILABLE.flag());
        assertThat(LaunchPlan.sharedOptions(settings.withStateStorage(
                new StateStorageSettings("bk://127.0.0.1:4181", null))))
                .containsSequence(Option.STATE_STORAGE_URL.flag(), "bk://127.0.0.1:4181");
        assertThat(LaunchPlan.sharedOptions(settings.withStateStorage(new StateStorageSettings(null, "no table"))))
                .containsSequence(Option.STATE_STORAGE_UNAVAILABLE.flag(), "no table");
    }
}
