package dev.magnetar.bench;

import java.nio.file.Path;

/** The runner's command line. Only the "throughput" scenario exists so far; "all" runs every scenario. */
record BenchOptions(String scenario, int repetitions, int messages, Path resultsDir) {
    static final String USAGE = "usage: BenchMain [--scenario throughput|all] [--repetitions N] [--messages N]"
            + " [--results-dir DIR]";

    static BenchOptions parse(String[] args) {
        String scenario = "all";
        int repetitions = 3;
        int messages = 200_000;
        Path resultsDir = Path.of("bench/results");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--scenario" -> scenario = value;
                case "--repetitions" -> repetitions = positive(flag, value);
                case "--messages" -> messages = positive(flag, value);
                case "--results-dir" -> resultsDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (!scenario.equals("all") && !scenario.equals("throughput")) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "': known are throughput, all");
        }
        return new BenchOptions(scenario, repetitions, messages, resultsDir);
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
