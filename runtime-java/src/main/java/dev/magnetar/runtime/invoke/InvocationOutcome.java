package dev.magnetar.runtime.invoke;

import dev.magnetar.runtime.codec.Payload;

/**
 * Where one invocation's outcome goes: exactly one of the two methods is called, once. Two plain methods rather
 * than a {@code BiConsumer<Payload, Throwable>}: the message loop's path from a result to its output send stays
 * short (no generic bridge, no dispatch on which argument is null), and the JIT inlines only so deep: a longer
 * path left the Pulsar client's own send code out of line (docs/benchmarks.md, session 8).
 */
public interface InvocationOutcome {
    /** The encoded result; null when the function returned null (nothing to publish). */
    void succeeded(Payload payload);

    /** What the function threw, a decoding or encoding failure, or the timeout, as a user should see it. */
    void failed(Throwable error);
}
