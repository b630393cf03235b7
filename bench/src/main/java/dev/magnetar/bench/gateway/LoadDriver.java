package dev.magnetar.bench.gateway;

import dev.magnetar.bench.latency.LatencyRecorder;
import dev.magnetar.bench.latency.OpenLoopSchedule;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link Caller}: closed loop (one call after another, latency of each call) or open loop (calls
 * started at a fixed rate whatever the answers do, latency from the intended start: coordinated-omission
 * corrected). Calls before the measured window warm up and are not recorded.
 */
public final class LoadDriver {
    static final long DRAIN_TIMEOUT_SECONDS = 30;

    /** What a driven run produced. */
    public record Outcome(LatencyRecorder latencies, long sent, long errors, String firstError) {
    }

    private LoadDriver() {
    }

    public static Outcome closedLoop(Caller caller, long warmupCalls, long calls) {
        return closedLoop(caller, warmupCalls, calls, Duration.ZERO);
    }

    /** A closed loop that waits at least {@code pause} before each call, outside the call's measured latency. */
    public static Outcome closedLoop(Caller caller, long warmupCalls, long calls, Duration pause) {
        long warmupErrors = 0;
        Throwable lastError = null;
        for (long i = 0; i < warmupCalls; i++) {
            pause(pause);
            try {
                caller.call().join();
            } catch (RuntimeException e) {
                warmupErrors++;
                lastError = e;
            }
        }
        if (warmupCalls > 0 && warmupErrors == warmupCalls) {
            throw new IllegalStateException("every warm-up call failed, the side under test is broken; last error: "
                    + lastError.getMessage(), lastError);
        }
        LatencyRecorder recorder = new LatencyRecorder();
        long errors = 0;
        String firstError = null;
        for (long i = 0; i < calls; i++) {
            pause(pause);
            long start = System.nanoTime();
            try {
                caller.call().join();
            } catch (RuntimeException e) {
                errors++;
                firstError = firstError == null ? String.valueOf(e.getMessage()) : firstError;
            }
            recorder.record(start, System.nanoTime());
        }
        return new Outcome(recorder, calls, errors, firstError);
    }

    private static void pause(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    public static Outcome openLoop(Caller caller, double rate, long warmupCalls, long calls) {
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<String> firstError = new AtomicReference<>();
        OpenLoopSchedule schedule = new OpenLoopSchedule(rate, System.nanoTime());
        CompletableFuture<?>[] measured = new CompletableFuture<?>[(int) calls];
        for (long i = 0; i < warmupCalls + calls; i++) {
            long intended = schedule.awaitTurn(i);
            CompletableFuture<?> call;
            try {
                call = caller.call();
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            if (i >= warmupCalls) {
                measured[(int) (i - warmupCalls)] = call.whenComplete((answer, error) -> {
                    if (closed.get()) {
                        return;
                    }
                    // A failed call still costs its caller the time until it failed.
                    recorder.record(intended, System.nanoTime());
                    if (error != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, String.valueOf(error.getMessage()));
                    }
                });
            }
        }
        try {
            CompletableFuture.allOf(measured).exceptionally(e -> null).get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Calls still open after the drain timeout count as errors; their latency is at least the wait so far.
            closed.set(true);
            long now = System.nanoTime();
            for (int i = 0; i < measured.length; i++) {
                if (!measured[i].isDone()) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "no answer within " + DRAIN_TIMEOUT_SECONDS + " s after the last call");
                    recorder.record(schedule.intendedNanos(warmupCalls + i), now);
                }
            }
        }
        return new Outcome(recorder, calls, errors.get(), firstError.get());
    }
}
