package dev.magnetar.bench.chaos;

import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.FunctionCode;
import dev.magnetar.bench.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * "chaos": SIGKILLs of a replica, of the control plane and of the broker, one every 20 to 30 s (after the restart of
 * what was killed) in a seeded random
 * order, while a producer feeds numbered inputs to the function's topic and HTTP callers call it through the gateway.
 * The scenario starts a killed control plane or broker again on the same data dir and ports (the control plane
 * restarts a killed replica itself). After the faults it stops the producer, waits for the outputs to drain and checks
 * that every input the broker acknowledged came out of the function: a single loss fails the scenario.
 */
public final class ChaosScenario implements Scenario {
    public static final String NAME = "chaos";
    /** How long the final drain may take before the inputs still missing count as lost. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** After the last missing input came out: time for late redeliveries to show up as duplicates. */
    static final Duration QUIET_AFTER_DRAIN = Duration.ofSeconds(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        ChaosSettings settings = context.chaos();
        System.out.printf("[%s] seed %d (repeat with --seed %d), faults for %d s%n", NAME, settings.seed(),
                settings.seed(), settings.length().toSeconds());
        Path dir = Files.createDirectories(context.workDir().resolve("chaos-" + System.nanoTime()));
        String function = ChaosFunction.yaml(FunctionCode.exclamation(context.installation()));
        try (ChaosCluster cluster = ChaosCluster.start(context.installation(), dir);
             PulsarClient client = PulsarClient.builder().serviceUrl(cluster.serviceUrl())
                     // Reconnects soon after the broker is back, so the drain measures the platform, not this client.
                     .startingBackoffInterval(100, TimeUnit.MILLISECONDS).maxBackoffInterval(1, TimeUnit.SECONDS)
                     .build()) {
            cluster.controlPlane().deploy(ChaosFunction.TENANT, ChaosFunction.NAMESPACE, ChaosFunction.NAME, function,
                    ChaosFunction.REPLICAS);
            try (OutputReader output = OutputReader.start(client, ChaosFunction.OUTPUT);
                 Feeder feeder = Feeder.start(client, ChaosFunction.INPUT);
                 GatewayCallers callers = GatewayCallers.start(cluster.gatewayUrl(), ChaosFunction.GATEWAY_PATH)) {
                long start = System.nanoTime();
                List<Fault> faults = injectFaults(cluster, new FaultPlan(settings.seed()), start, settings.length());
                System.out.printf("[%s] faults over; the producer stops and the outputs drain%n", NAME);
                feeder.stop();
                double drainSeconds = drain(output, feeder);
                callers.close();
                List<GatewayCall> calls = callers.calls();
                Map<Long, Long> firstOutputAt = output.firstOutputAt();
                List<RecoveryTimes> recoveries = faults.stream()
                        .map(fault -> RecoveryTimes.of(fault, calls, feeder.sentAt(), firstOutputAt)).toList();
                Asides asides = new Asides(feeder.failed(), String.valueOf(feeder.firstFailure()),
                        callers.wrongReplies(), output.callOutputs(), drainSeconds);
                return new ChaosOutcome(settings, start, recoveries,
                        DeliveryCheck.of(Set.copyOf(feeder.accepted()), output.counts()), HttpStatusTally.of(calls),
                        asides).toScenarioOutcome();
            }
        }
    }

    /**
     * One fault per planned interval until {@code length} has passed; the interval after a control plane's or a
     * broker's kill starts once it is started again.
     */
    private static List<Fault> injectFaults(ChaosCluster cluster, FaultPlan plan, long start, Duration length)
            throws Exception {
        List<Fault> faults = new ArrayList<>();
        long end = start + length.toNanos();
        long next = start + plan.nextInterval().toNanos();
        while (next < end) {
            sleepUntil(next);
            FaultKind kind = plan.nextKind();
            Fault fault = inject(cluster, kind, plan);
            if (fault == null) {
                System.out.printf("[%s] %s: no %s running to kill, skipped%n", NAME, clock(start), kind.label());
            } else {
                faults.add(fault);
                System.out.printf("[%s] %s: killed %s, %s%n", NAME, clock(start, fault.killedNanos()), fault.target(),
                        fault.kind() == FaultKind.REPLICA ? "the control plane starts it again"
                                : String.format("started again in %.1f s", fault.restartSeconds()));
            }
            // Counted from the end of the restart, so that each fault's recovery shows on its own, not under the next.
            next = Math.max(next, fault == null ? System.nanoTime() : fault.restoredNanos())
                    + plan.nextInterval().toNanos();
        }
        sleepUntil(end);
        return faults;
    }

    private static Fault inject(ChaosCluster cluster, FaultKind kind, FaultPlan plan) throws Exception {
        return switch (kind) {
            case REPLICA -> cluster.killReplica(plan);
            case CONTROL_PLANE -> cluster.killControlPlane();
            case BROKER -> cluster.killBroker();
        };
    }

    /** Waits until every accepted input came out, or {@link #DRAIN_TIMEOUT}; then a quiet while. Returns its length. */
    private static double drain(OutputReader output, Feeder feeder) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + DRAIN_TIMEOUT.toNanos();
        while (!output.containsAll(feeder.accepted()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(QUIET_AFTER_DRAIN.toMillis());
        return seconds;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static String clock(long start) {
        return clock(start, System.nanoTime());
    }

    /** Minutes and seconds since the start of the run, as the fault lines show them. */
    static String clock(long start, long at) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(at - start);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
