package dev.magnetar.bench.functions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/**
 * The "io-bound" benchmark function: answers each input after a simulated remote call of
 * {@code delayMs} (user config, default 5). The wait is asynchronous — a {@link CompletableFuture}
 * completed by one scheduler thread, the way an async HTTP or database client behaves — so how
 * many messages are in flight is up to the runtime, not to a thread pool here. Built into
 * {@code magnetar-bench-functions.jar} (only this package) so Magnetar and Pulsar's LocalRunner
 * load the same code. On {@code byte[]} so LocalRunner registers no schema on the bench's schema-less topics.
 */
public class IoBoundFunction implements Function<byte[], CompletableFuture<byte[]>> {
    public static final String DELAY_MS = "delayMs";
    public static final long DEFAULT_DELAY_MS = 5;
    private static final ScheduledExecutorService REMOTE = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "io-bound-remote");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public CompletableFuture<byte[]> process(byte[] input, Context context) {
        long delayMs = Long.parseLong(String.valueOf(context.getUserConfigValueOrDefault(DELAY_MS, DEFAULT_DELAY_MS)));
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        REMOTE.schedule(() -> answer.complete(input), delayMs, TimeUnit.MILLISECONDS);
        return answer;
    }
}
