package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescendantsTest {

    @Test
    void stopsChildrenAndGrandchildrenEvenOnesIgnoringSigterm() throws Exception {
        // A shell with two background children, one of which ignores SIGTERM.
        Process shell = new ProcessBuilder("sh", "-c", "sleep 120 & (trap '' TERM; sleep 120) & wait").start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> shell.toHandle().descendants().count() >= 2);
            List<ProcessHandle> before = shell.toHandle().descendants().toList();

            Descendants.stop(shell.toHandle(), Duration.ofMillis(500));

            await().atMost(Duration.ofSeconds(10)).until(() -> before.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(before).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            shell.destroyForcibly();
        }
    }
}
