package dev.magnetar.runtime.window;

import dev.magnetar.api.v1alpha1.WindowSpec;
import dev.magnetar.runtime.input.InputConsumer;
import dev.magnetar.runtime.loop.MessageLoop;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A window function's replica: one thread receives and hands each message to the {@link WindowExecutor}; a timer fires
 * the windows of the replica's clock every sliding interval, or advances the watermark every
 * {@code watermarkEmitIntervalMs} (event time). The messages a window holds stay unacked until they leave it: on a stop
 * they go back to the subscription, and the windows they were in start over on the replica that gets them.
 */
public final class WindowLoop implements MessageLoop {
    private static final Logger LOG = LoggerFactory.getLogger(WindowLoop.class);
    private static final long RECEIVE_POLL_MS = 100;

    private final InputConsumer consumer;
    private final WindowExecutor executor;
    private final WindowSpec window;
    private final RuntimeMetrics metrics;
    private final Consumer<Throwable> onCrash;
    private final Thread receiver;
    private final ScheduledExecutorService timer;
    private volatile boolean running = true;

    public WindowLoop(InputConsumer consumer, WindowExecutor executor, WindowSpec window,
                      RuntimeMetrics metrics, Consumer<Throwable> onCrash) {
        this.consumer = consumer;
        this.executor = executor;
        this.window = window;
        this.metrics = metrics;
        this.onCrash = onCrash;
        this.receiver = new Thread(this::receiveLoop, "magnetar-window-receiver");
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "magnetar-window-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        receiver.start();
        if (window.timestampExtractorClassName() != null) {
            long every = window.watermarkEmitIntervalMs();
            timer.scheduleAtFixedRate(() -> guarded("advancing the watermark", executor::emitWatermark), every, every,
                    TimeUnit.MILLISECONDS);
        } else if (window.slidingIntervalDurationMs() != null) {
            long every = window.slidingIntervalDurationMs();
            timer.scheduleAtFixedRate(() -> guarded("firing a window", executor::onTime), every, every,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** A failure inside a timer task is logged and the schedule goes on: a dead timer would stop every window. */
    private static void guarded(String doing, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Unexpected error {}", doing, e);
        }
    }

    private void receiveLoop() {
        try {
            while (running) {
                Message<Object> message = consumer.receive((int) RECEIVE_POLL_MS);
                if (message != null) {
                    executor.accept(message);
                }
            }
        } catch (PulsarClientException | RuntimeException e) {
            if (running) {
                onCrash.accept(e);
            }
        }
    }

    /** Windows are not fired early: what they hold goes back to the subscription; true when they held nothing. */
    @Override
    public boolean stop(Duration grace) throws InterruptedException {
        running = false;
        receiver.join(Math.max(RECEIVE_POLL_MS * 10, grace.toMillis()));
        timer.shutdownNow();
        timer.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        return executor.held() == 0;
    }

    @Override
    public int inFlight() {
        return metrics.inFlight();
    }
}
