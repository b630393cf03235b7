package dev.magnetar.bench.state;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackends;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.bench.report.ScenarioOutcome;
import dev.magnetar.bench.scenario.BenchContext;
import dev.magnetar.bench.scenario.Scenario;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.bookkeeper.api.StorageClient;
import org.apache.bookkeeper.api.kv.Table;
import org.apache.bookkeeper.clients.StorageClientBuilder;
import org.apache.bookkeeper.clients.config.StorageClientSettings;

/**
 * Function state: counter increments per second (1 and 8 threads, synchronous) and put/get/increment latency, through
 * Magnetar's state interface and through BookKeeper's table client directly, against the same table service in the
 * same run. The baseline is the direct client; the ratio shows what the interface costs.
 */
public final class StateScenario implements Scenario {
    static final int LATENCY_SAMPLES = 1_000;
    static final int MANY_THREADS = 8;

    @Override
    public String name() {
        return "state";
    }

    @Override
    public ScenarioOutcome run(BenchContext context) throws Exception {
        String url = context.stateStorageUrl();
        if (url == null) {
            throw new IllegalStateException("the bench's broker runs without state storage: its data directory must"
                    + " be new (ZooKeeper mode)");
        }
        int seconds = Math.max(2, context.seconds() / 2);
        StateScope scope = new StateScope("public", "default", "bench-state-" + UUID.randomUUID().toString()
                .substring(0, 8));
        Map<String, StateRun> runs = new LinkedHashMap<>();
        try (StateBackend backend = StateBackends.create(url, getClass().getClassLoader());
             StorageClient client = StorageClientBuilder.newBuilder()
                     .withSettings(StorageClientSettings.newBuilder().serviceUri(url).build())
                     .withNamespace(scope.storageNamespace()).build()) {
            FunctionStateStore store = backend.open(scope).join();
            Table<ByteBuf, ByteBuf> table = client.openTable(scope.table()).join();
            for (int repetition = 0; repetition < context.repetitions(); repetition++) {
                runs.merge("bookkeeper-client", StateRun.measure(StateOps.direct(table), "direct-" + repetition,
                        seconds, MANY_THREADS, LATENCY_SAMPLES), StateRun::better);
                runs.merge("magnetar", StateRun.measure(StateOps.magnetar(store), "magnetar-" + repetition, seconds,
                        MANY_THREADS, LATENCY_SAMPLES), StateRun::better);
            }
            table.close();
        }
        return outcome(runs, seconds, context.repetitions());
    }

    private ScenarioOutcome outcome(Map<String, StateRun> runs, int seconds, int repetitions) {
        List<String> header = List.of("variant", "incr/s 1 thread", "incr/s " + MANY_THREADS + " threads",
                "put p50/p99 ms", "get p50/p99 ms", "incr p50/p99 ms", "counted exactly");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        runs.forEach((variant, run) -> {
            rows.add(run.row(variant));
            results.put(variant, run.toJson());
        });
        StateRun direct = runs.get("bookkeeper-client");
        StateRun magnetar = runs.get("magnetar");
        rows.add(List.of("magnetar ÷ client", ratio(magnetar.oneThread(), direct.oneThread()),
                ratio(magnetar.manyThreads(), direct.manyThreads()), "", "", "", ""));
        return new ScenarioOutcome(name(), Map.of("seconds per rate run", Integer.toString(seconds),
                "latency samples", Integer.toString(LATENCY_SAMPLES), "repetitions", Integer.toString(repetitions)),
                header, rows, List.of("best of " + repetitions + " runs per variant, alternating; synchronous calls"
                        + " from the bench JVM to the embedded broker's table service"), results, List.of());
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
