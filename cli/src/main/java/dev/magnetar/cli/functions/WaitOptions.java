package dev.magnetar.cli.functions;

import dev.magnetar.cli.CliException;
import dev.magnetar.cli.http.AdminClient;
import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.http.FunctionStatusView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --wait [--wait-timeout 60s]}: after create or update, poll status until every replica runs and no update
 * still replaces one; an update rolled back ends the wait with its reason.
 */
public final class WaitOptions {
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    @Option(names = "--wait", description = "Wait until all replicas are running (numRunning == parallelism) and an"
            + " update has replaced every one; fail if it was rolled back")
    boolean wait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long --wait waits, e.g. 90s, 2m, 500ms. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    /** Waits when --wait was given; prints one progress line on {@code progress} each time the count changes. */
    void awaitRunning(AdminClient client, FunctionRef ref, Integer parallelism, PrintWriter progress) {
        if (!wait) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastRunning = -1;
        while (true) {
            FunctionStatusView status = client.status(ref);
            int wanted = parallelism != null ? parallelism : status.numInstances();
            if (status.numRunning() != lastRunning) {
                lastRunning = status.numRunning();
                progress.println("waiting for " + wanted + "/" + wanted + " replicas of " + ref + " ... "
                        + lastRunning + "/" + wanted);
                progress.flush();
            }
            if (status.error() != null) {
                throw new CliException(ref + ": " + status.error());
            }
            int replacing = status.instances().size() - wanted;
            if (wanted > 0 && status.numRunning() == wanted && replacing <= 0) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new CliException("timed out after " + describe(timeout) + " waiting for " + ref + ": "
                        + status.numRunning() + "/" + wanted + " replicas running" + (replacing > 0 ? ", " + replacing
                        + " new replica of an update still starting" : "") + " (see magnetar functions status --name "
                        + ref.name() + ")");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the replicas", e);
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** {@code 500ms}, {@code 60s}, {@code 2m}, or a plain number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher matcher = FORMAT.matcher(value.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("expected a duration such as 500ms, 60s or 2m");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }
}
