package dev.magnetar.runtime.window;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Event time's progress, as Pulsar's watermark generator: the newest event time seen on each input topic; the
 * watermark is the oldest of them, less the allowed lag, once every input has had a message. An event older than the
 * last watermark is late. Not thread-safe: the {@link WindowExecutor}'s lock serializes the calls.
 */
public final class WatermarkGenerator {
    private final long maxLagMs;
    private final int inputs;
    private final Map<String, Long> newestByTopic = new HashMap<>();
    private long lastWatermark;

    /**
     * @param maxLagMs how far behind the newest event time an event may be and still count
     * @param inputs   how many input topics must each have had a message before the first watermark
     */
    public WatermarkGenerator(long maxLagMs, int inputs) {
        this.maxLagMs = maxLagMs;
        this.inputs = Math.max(1, inputs);
    }

    /** Notes an event's time; false when it is late (behind the last watermark). */
    public boolean track(String topic, long timestamp) {
        newestByTopic.merge(topic, timestamp, Math::max);
        return timestamp >= lastWatermark;
    }

    /** The next watermark, when it advanced since the last. */
    public OptionalLong next() {
        long watermark = 0;
        if (newestByTopic.size() >= inputs) {
            watermark = newestByTopic.values().stream().mapToLong(Long::longValue).min().orElse(0);
        }
        watermark -= maxLagMs;
        if (watermark > lastWatermark) {
            lastWatermark = watermark;
            return OptionalLong.of(watermark);
        }
        return OptionalLong.empty();
    }
}
