package dev.magnetar.bench;

import dev.magnetar.bench.chaos.ChaosSettings;
import dev.magnetar.bench.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line; "all" runs every scenario.
 *
 * @param seconds length of each open-loop latency run and the sizing of slow drain runs
 * @param runs    runs of one-shot measurements (cold start, scale from zero); 0 when not given: each scenario's own
 *                default
 * @param functions Function resources the controller scenario creates
 * @param payloadBytes size of each message of the drain scenarios (throughput, io-bound, scale-out): 100 B or 1 KB
 * @param chartsDir where each chart is also written under a stable name, {@code <scenario>-<chart id>.png}; null for nowhere
 * @param jfr     record JFR profiles of the Magnetar runtime workers (throughput) and of the control planes (gateway, gateway-auth)
 * @param pipeRates the pipe-latency scenario's rates in msg/s: 100, 1,000 and 5,000, or fewer for a closer look
 * @param chaos   the chaos scenario's length ({@code --chaos-seconds}) and seed ({@code --seed})
 */
record BenchOptions(String scenario, int repetitions, int messages, int seconds, int runs, int functions,
        int payloadBytes, Path resultsDir, Path chartsDir, boolean jfr, List<Integer> pipeRates, ChaosSettings chaos) {
    static final List<Integer> PIPE_RATES = List.of(100, 1_000, 5_000);
    static final String USAGE = "usage: bench/run [--scenario <name>[,<name>...]|all] [--repetitions N] [--messages N]"
            + " [--seconds N] [--runs N] [--functions N] [--payload-bytes N] [--rates N[,N...]] [--results-dir DIR]"
            + " [--charts-dir DIR] [--jfr] [--chaos-seconds N] [--seed N]";

    static BenchOptions parse(String[] args) {
        String scenario = "all";
        int repetitions = 3;
        int messages = 1_000_000;
        int seconds = 10;
        int runs = 0;
        int functions = 1_000;
        int payloadBytes = 100;
        Path resultsDir = Path.of("bench/results");
        Path chartsDir = null;
        boolean jfr = false;
        List<Integer> pipeRates = PIPE_RATES;
        ChaosSettings chaos = ChaosSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--scenario" -> scenario = value;
                case "--repetitions" -> repetitions = positive(flag, value);
                case "--messages" -> messages = positive(flag, value);
                case "--seconds" -> seconds = positive(flag, value);
                case "--runs" -> runs = positive(flag, value);
                case "--functions" -> functions = positive(flag, value);
                case "--payload-bytes" -> payloadBytes = positive(flag, value);
                case "--rates" -> pipeRates = rates(flag, value);
                case "--results-dir" -> resultsDir = Path.of(value);
                case "--charts-dir" -> chartsDir = Path.of(value);
                case "--chaos-seconds" -> chaos = chaos.withLength(Duration.ofSeconds(positive(flag, value)));
                case "--seed" -> chaos = chaos.withSeed(seed(flag, value));
                default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        List<String> known = Scenarios.names();
        for (String name : scenario.split(",")) {
            if (!name.equals("all") && !known.contains(name)) {
                throw new IllegalArgumentException("unknown scenario '" + name + "': known are "
                        + String.join(", ", known) + ", all (or several, comma-separated)");
            }
        }
        return new BenchOptions(scenario, repetitions, messages, seconds, runs, functions, payloadBytes, resultsDir, chartsDir,
                jfr, pipeRates, chaos);
    }

    /** The scenario names to run, in the suite's order. */
    List<String> selected() {
        List<String> named = List.of(scenario.split(","));
        return named.contains("all") ? Scenarios.suiteNames()
                : Scenarios.names().stream().filter(named::contains).toList();
    }

    private static List<Integer> rates(String flag, String value) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : value.split(",")) {
            rates.add(positive(flag, rate.strip()));
        }
        return List.copyOf(rates);
    }

    private static long seed(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " is '" + value + "': must be a whole number, as a chaos run prints it");
        }
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " is '" + value + "': must be a positive whole number");
        }
    }
}
