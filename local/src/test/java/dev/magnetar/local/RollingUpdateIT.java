package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.api.replicas.InstanceStatus;
import dev.magnetar.api.v1alpha1.Function;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update rolls out one new replica at a time, each started while the old ones serve; an old one stops only
 * when its successor is ready. An update whose replicas are not ready within the deadline is rolled back: its
 * replicas stop, the old ones never stopped serving, and the listener hears which definition runs and why.
 */
class RollingUpdateIT {
    private static final String ECHO = "public/default/echo";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    Path jar;
    LocalReplicas replicas;
    final List<RolledBack> rolledBack = new CopyOnWriteArrayList<>();
    /** Every pid the status showed while the watcher ran, and the fewest ready replicas it saw. */
    final Set<Long> seen = ConcurrentHashMap.newKeySet();
    final AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
    volatile boolean watching;

    @BeforeEach
    void start() throws Exception {
        jar = Files.writeString(dataDir.resolve("fn.jar"), "not really a jar");
        replicas = new LocalReplicas(FakeRuntime.settings(dataDir, READY_TIMEOUT),
                new ReplicaLimits(16, 32, 64L << 30, 2L << 30, Duration.ofMillis(50)));
        replicas.listen((failed, running, reason) -> rolledBack.add(new RolledBack(failed.getSpec().getEnv(),
                running.getSpec().getEnv(), reason)));
    }

    record RolledBack(Map<String, String> failedEnv, Map<String, String> runningEnv, String reason) {
    }

    @AfterEach
    void stop() {
        watching = false;
        replicas.close();
    }

    Function function(Map<String, String> env) {
        Function function = FakeRuntime.echo(jar, "in");
        function.getSpec().setReplicas(2);
        function.getSpec().setEnv(env);
        return function;
    }

    List<Long> runTwo(Map<String, String> env) {
        Function function = function(env);
        replicas.apply(function, ResolvedFunction.of(function));
        await().atMost(WAIT).until(() -> replicas.status(ECHO).size() == 2
                && replicas.status(ECHO).stream().allMatch(InstanceStatus::ready));
        return pids();
    }

    List<Long> pids() {
        return replicas.status(ECHO).stream().map(InstanceStatus::pid).toList();
    }

    /** Samples the status every few milliseconds, as a caller polling it during the update would. */
    void watch() {
        watching = true;
        Thread watcher = new Thread(() -> {
            while (watching) {
                List<InstanceStatus> status = replicas.status(ECHO);
                status.stream().filter(instance -> instance.pid() > 0).forEach(instance -> seen.add(instance.pid()));
                fewestReady.accumulateAndGet((int) status.stream().filter(InstanceStatus::ready).count(), Math::min);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
    }

    @Test
    void eachNewReplicaStartsWhileTheOldOnesServeAndAnOldOneStopsOnlyWhenItsSuccessorIsReady() {
        List<Long> old = runTwo(Map.of("GREETING", "hello"));
        watch();

        Function update = function(Map.of("GREETING", "bonjour"));
        replicas.apply(update, ResolvedFunction.of(update));

        assertThat(old).as("apply returns while the update rolls out").allMatch(pid -> ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive).isPresent());
        await().atMost(WAIT).until(() -> replicas.status(ECHO).size() == 2 && pids().stream().noneMatch(old::contains)
                && replicas.status(ECHO).stream().allMatch(InstanceStatus::ready));
        watching = false;
        assertThat(fewestReady.get()).as("ready replicas at any time").isGreaterThanOrEqualTo(2);
        // A replaced replica drains after SIGTERM: it leaves the status at once and exits a moment later.
        await().atMost(WAIT).untilAsserted(() -> assertThat(old)
                .noneMatch(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()));
        assertThat(rolledBack).isEmpty();
    }

    @Test
    void anUpdateNotReadyInTimeIsRolledBackAndTheOldReplicasServeThroughout() throws Exception {
        List<Long> old = runTwo(Map.of("GREETING", "hello"));
        watch();

        Function broken = function(Map.of("GREETING", "hello", "FAKE_NEVER_READY", "1"));
        replicas.apply(broken, ResolvedFunction.of(broken));

        await().atMost(WAIT).until(() -> !rolledBack.isEmpty());
        watching = false;
        assertThat(rolledBack).singleElement().satisfies(event -> {
            assertThat(event.failedEnv()).containsKey("FAKE_NEVER_READY");
            assertThat(event.runningEnv()).isEqualTo(Map.of("GREETING", "hello"));
            assertThat(event.reason()).contains("replica 0 of the new definition was not ready within 3 s");
        });
        await().atMost(WAIT).until(() -> pids().equals(old) && replicas.status(ECHO).size() == 2);
        assertThat(fewestReady.get()).as("ready replicas at any time").isGreaterThanOrEqualTo(2);
        assertThat(seen).as("a new replica was started").hasSizeGreaterThan(2);
        await().atMost(WAIT).until(() -> seen.stream().filter(pid -> !old.contains(pid))
                .noneMatch(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()));
        assertThat(Files.readString(dataDir.resolve("run/public.default.echo/function.yaml")))
                .doesNotContain("FAKE_NEVER_READY");

        ProcessHandle.of(old.get(0)).orElseThrow().destroyForcibly();
        await().atMost(WAIT).until(() -> replicas.status(ECHO).get(0).restarts() == 1
                && replicas.status(ECHO).get(0).ready());
        assertThat(dataDir.resolve("logs/public.default.echo-0.log")).content().contains("GREETING=hello");
    }

    @Test
    void removeDuringAnUpdateStopsEveryReplicaAndRollsNothingBack() throws Exception {
        List<Long> old = runTwo(Map.of("GREETING", "hello"));
        watch();
        Function broken = function(Map.of("FAKE_NEVER_READY", "1"));
        replicas.apply(broken, ResolvedFunction.of(broken));
        await().atMost(WAIT).until(() -> seen.size() > 2);

        replicas.remove(ECHO);

        Thread.sleep(READY_TIMEOUT.plusSeconds(1).toMillis());
        assertThat(replicas.status(ECHO)).isEmpty();
        assertThat(seen).noneMatch(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent());
        assertThat(rolledBack).isEmpty();
    }
}
