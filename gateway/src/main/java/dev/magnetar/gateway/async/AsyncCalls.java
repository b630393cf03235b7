package dev.magnetar.gateway.async;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.gateway.reply.OneWayRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous calls, as one gateway instance takes part in them: it accepts a call (kept in the {@link CallStore},
 * then sent to the function's input topic with the shared results topic as its reply topic), answers for any call
 * any instance accepted, and takes its share of the results. It starts in the background and keeps trying until
 * the broker answers, since a gateway may start before Pulsar does; until then a call is refused with 503.
 */
public final class AsyncCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncCalls.class);
    static final long START_RETRY_SECONDS = 5;
    /** How often expired calls are looked for; a call is forgotten at most this late. */
    static final long SWEEP_SECONDS = 1;

    private final AsyncParts parts;
    private final AsyncConfig config;
    private final Clock clock;
    private final KeptCalls kept;
    private final AsyncMetrics metrics;
    private final CallStore store;
    private final AsyncResults results;
    private final ScheduledExecutorService executor;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile String lastFailure = "not started yet";

    AsyncCalls(AsyncParts parts, AsyncConfig config, Clock clock) {
        this.parts = parts;
        this.config = config;
        this.clock = clock;
        this.kept = new KeptCalls(config.maxKeptResults(), config.maxKeptBytes());
        this.metrics = new AsyncMetrics(parts.registry(), kept);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "magnetar-async-calls");
            thread.setDaemon(true);
            return thread;
        });
        this.store = new CallStore(parts.client(), parts.topics().calls(), kept, clock);
        CallbackDelivery callbacks = new CallbackDelivery(new CallbackSender(config.callbackTimeout()),
                config.callbackSchedule(), parts.callbackHosts(), executor, metrics);
        this.results = new AsyncResults(parts.client(), parts.topics().results(),
                new ResultHandler(store, callbacks, parts.resultFormat(), metrics, config.retention(), clock));
    }

    /** Starts in the background: reads the kept calls, then subscribes to the results. */
    public static AsyncCalls open(AsyncParts parts, AsyncConfig config) {
        AsyncCalls calls = new AsyncCalls(parts, config, Clock.systemUTC());
        calls.start();
        return calls;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        executor.execute(this::attemptStart);
    }

    /** Completes once calls are taken. */
    public CompletableFuture<Void> ready() {
        return ready.copy();
    }

    /**
     * The callback URL a caller sent, when callbacks may go there.
     *
     * @throws IllegalArgumentException naming the header, the host and the setting otherwise
     */
    public URI checkCallback(String url) {
        return parts.callbackHosts().check(url);
    }

    /**
     * Accepts a call: completes with its record once it is kept and its request stored on the function's input
     * topic. Fails with {@link AsyncRefusedException}, or {@code RequestSendException} when the request could not
     * be published (then the call is forgotten).
     *
     * @param chosenId    the caller's call id, already checked to be safe, or null for a generated one
     * @param callbackUrl checked with {@link #checkCallback}, or null
     */
    public CompletableFuture<CallRecord> accept(ResolvedFunction function, OneWayRequest request, String chosenId,
                                                String callbackUrl) {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            return CompletableFuture.failedFuture(new AsyncRefusedException(AsyncRefusedException.Reason.UNAVAILABLE,
                    "asynchronous calls are not available yet: the gateway cannot use " + parts.topics().calls()
                            + " and " + parts.topics().results() + " (" + lastFailure + "); retry shortly"));
        }
        if (!kept.roomForOneMore()) {
            return CompletableFuture.failedFuture(new AsyncRefusedException(AsyncRefusedException.Reason.FULL,
                    kept.pending() + " asynchronous calls are pending, the most kept (" + AsyncConfig.MAX_KEPT_RESULTS
                            + "=" + config.maxKeptResults() + "): retry later"));
        }
        long now = clock.millis();
        // Nobody can read a result later than the retention: a call not started by then is not worth starting.
        long deadline = now + config.retention().toMillis();
        CallRecord call = CallRecord.accepted(chosenId == null ? CallIds.generate() : chosenId, function.tenant(),
                function.namespace(), function.name(), now, deadline + function.timeoutMs(), callbackUrl);
        CompletableFuture<Void> free = chosenId == null ? CompletableFuture.completedFuture(null)
                : store.findFresh(chosenId).thenAccept(existing -> {
                    if (existing.isPresent()) {
                        throw new AsyncRefusedException(AsyncRefusedException.Reason.ID_TAKEN, "header "
                                + AsyncHeaders.CALL_ID + ": call '" + chosenId + "' exists already; send another id,"
                                + " or none to get a generated one");
                    }
                });
        return free.thenCompose(unused -> store.put(call))
                .thenCompose(stored -> parts.requests().send(request, parts.topics().results(), call.id(), deadline)
                        .whenComplete((sent, error) -> {
                            if (error != null) {
                                store.forget(call.id());
                            }
                        }))
                .thenApply(sent -> {
                    metrics.accepted();
                    return call;
                });
    }

    /** The call if it is kept (by any instance) and not expired. */
    public CompletableFuture<Optional<CallRecord>> find(String id) {
        if (!CallIds.isSafe(id)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.findFresh(id).thenApply(found -> found.filter(call -> call.expiresAt() > clock.millis()));
    }

    public AsyncTopics topics() {
        return parts.topics();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        // The results first: what this instance has not acknowledged goes to another one.
        results.close();
        store.close();
    }

    private void attemptStart() {
        store.start()
                .thenCompose(stored -> results.start())
                .whenComplete((started, error) -> {
                    if (error == null) {
                        ready.complete(null);
                        parts.admin().ifPresent(admin -> CallsTopicPolicy.apply(admin, parts.topics().calls(),
                                config.maxKeptBytes()));
                        return;
                    }
                    lastFailure = unwrap(error).getMessage();
                    LOG.warn("Asynchronous calls cannot start yet ({}); trying again in {} s", lastFailure,
                            START_RETRY_SECONDS);
                    try {
                        executor.schedule(this::attemptStart, START_RETRY_SECONDS, TimeUnit.SECONDS);
                    } catch (RejectedExecutionException e) {
                        // Closed meanwhile: nothing to start.
                    }
                });
    }

    private void sweep() {
        try {
            store.sweep();
        } catch (RuntimeException e) {
            LOG.debug("Sweeping kept calls failed: {}", e.toString());
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
