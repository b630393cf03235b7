package dev.magnetar.runtime.invoke;

import dev.magnetar.runtime.codec.Payload;

/**
 * Where one invocation's outcome goes: exactly one of the two methods is called, once. Two plain methods rather
 * than a {@code BiConsumer<Payload, Throwable>}: the message loop's path from a result to its output send stays
 * short (no generic bridge, no dispatch on which argument is null), and the JIT inlines only so deep: a longer
 * path left the Pulsar client's own send code out of line (docs/performance.md). Each method carries the
 * invocation's time, measured once by the invoker: the caller needs no clock of its own, and a clock read is
 * not free on a path taken for every message.
 */
public interface InvocationOutcome {
    /**
     * The encoded result; null when the function returned null (nothing to publish).
     *
     * @param nanos from the start of decoding the input until the function's result was there
     */
    void succeeded(Payload payload, long nanos);

    /**
     * What the function threw, a decoding or encoding failure, or the timeout, as a user should see it.
     *
     * @param nanos from the start of decoding the input until the failure was known
     */
    void failed(Throwable error, long nanos);
}
