package dev.magnetar.bench.http;

import java.time.Duration;

/**
 * How the load client may use the server.
 *
 * @param maxConnections   most keep-alive connections open at once; calls beyond them queue in the client
 * @param timeout          how long one call may wait for its answer once sent; its connection is closed after that
 * @param ioThreads        Netty event loop threads that write requests and read answers
 * @param maxResponseBytes largest response accepted; a larger one fails its call
 */
public record HttpLoadSettings(int maxConnections, Duration timeout, int ioThreads, int maxResponseBytes) {
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    public HttpLoadSettings {
        requireAtLeastOne("maxConnections", maxConnections);
        requireAtLeastOne("ioThreads", ioThreads);
        requireAtLeastOne("maxResponseBytes", maxResponseBytes);
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
    }

    /** The bench's settings: enough connections that an open loop at thousands of calls per second never waits for one. */
    public static HttpLoadSettings forBench(Duration timeout) {
        return new HttpLoadSettings(DEFAULT_MAX_CONNECTIONS, timeout,
                Math.min(2, Runtime.getRuntime().availableProcessors()), DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
