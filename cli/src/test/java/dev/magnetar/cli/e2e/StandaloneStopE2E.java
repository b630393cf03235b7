package dev.magnetar.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code magnetar standalone} stops while its replicas are busy. Whether SIGTERM reaches the CLI
 * alone or its whole process group (Ctrl-C in a terminal, {@code kill -TERM -PGID}), the replicas
 * drain and exit while the broker still runs, the broker stops after them, and no process is left.
 * Killed outright, the CLI leaves no process either.
 */
class StandaloneStopE2E {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(90);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final DateTimeFormatter BROKER_LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

    @TempDir
    Path work;

    @Test
    void aSigtermToTheCliStopsBusyReplicasBeforeTheBroker() throws Exception {
        CliProcess cli = new CliProcess(work);
        try (BusyStandalone busy = BusyStandalone.start(cli, work, List.of())) {
            assertOrderlyStop(busy, () -> busy.standalone().process().destroy());
        }
    }

    @Test
    void aSigtermToTheWholeProcessGroupStopsBusyReplicasBeforeTheBroker() throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "needs setsid to give the CLI a process group of its own");
        CliProcess cli = new CliProcess(work);
        try (BusyStandalone busy = BusyStandalone.start(cli, work, List.of(SETSID.toString()))) {
            long group = busy.standalone().process().pid();
            assertThat(processGroup(group)).as("the CLI leads its own process group").isEqualTo(group);
            assertOrderlyStop(busy, () -> signalGroup(group));
        }
    }

    @Test
    void aCliKilledOutrightLeavesNoProcess() throws Exception {
        CliProcess cli = new CliProcess(work);
        try (BusyStandalone busy = BusyStandalone.start(cli, work, List.of())) {
            busy.keepBusy();
            List<ProcessHandle> children = busy.standalone().process().descendants().toList();
            assertThat(children).hasSizeGreaterThanOrEqualTo(3);
            try (ExitTimes exits = ExitTimes.watch(children)) {
                busy.standalone().process().destroyForcibly();
                exits.awaitAll(GONE_WITHIN);
            }
        }
    }

    private void assertOrderlyStop(BusyStandalone busy, Stop stop) throws Exception {
        busy.keepBusy();
        List<Long> replicas = busy.replicaPids();
        List<ProcessHandle> tree = new ArrayList<>(busy.standalone().process().descendants().toList());
        tree.add(busy.standalone().process().toHandle());
        Map<Long, Instant> exited;
        try (ExitTimes exits = ExitTimes.watch(tree)) {
            stop.run();
            exited = exits.awaitAll(GONE_WITHIN);
        }
        Instant brokerStopping = brokerStopping(busy.brokerLog());
        for (int instance = 0; instance < replicas.size(); instance++) {
            String drain = sinceSigterm(busy.replicaLog(instance));
            assertThat(drain).as("replica %d's log from SIGTERM on", instance)
                    .contains("All in-flight messages finished")
                    .doesNotContain(" WARN ", " ERROR ", "not ready");
            assertThat(exited.get(replicas.get(instance)))
                    .as("exit of replica %d (pid %d) before the broker began to stop", instance, replicas.get(instance))
                    .isBefore(brokerStopping);
        }
        assertThat(busy.standalone().output()).contains("stopping Magnetar", "stopped");
    }

    /** When broker.log says the broker began to stop. */
    private static Instant brokerStopping(Path brokerLog) throws IOException {
        String line = Files.readAllLines(brokerLog).stream().filter(l -> l.contains("Stopping the broker"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'Stopping the broker' in " + brokerLog));
        return LocalDateTime.parse(line.substring(0, 23), BROKER_LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static String sinceSigterm(Path replicaLog) throws IOException {
        String log = Files.readString(replicaLog);
        int from = log.indexOf("SIGTERM received");
        assertThat(from).as("%s has the SIGTERM line:\n%s", replicaLog, log).isNotNegative();
        return log.substring(from);
    }

    private static long processGroup(long pid) throws IOException {
        // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so count after ')'.
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    /** SIGTERM to every process of the group, as a terminal's Ctrl-C or a service manager sends it. */
    private static void signalGroup(long group) throws Exception {
        assertThat(processGroup(ProcessHandle.current().pid())).as("never the test's own group").isNotEqualTo(group);
        Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + group).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -TERM -%d", group).isTrue();
    }

    private interface Stop {
        void run() throws Exception;
    }
}
