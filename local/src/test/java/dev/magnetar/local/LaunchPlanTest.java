package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.launch.RuntimeLaunch.Option;
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
}
