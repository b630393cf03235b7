package dev.magnetar.gateway.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** Reads a size every tenth of a millisecond on a thread of its own and keeps the largest value seen. */
final class PendingSampler implements AutoCloseable {
    private final AtomicInteger largest = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private PendingSampler(IntSupplier size) {
        thread = new Thread(() -> {
            while (running) {
                largest.accumulateAndGet(size.getAsInt(), Math::max);
                LockSupport.parkNanos(100_000);
            }
        }, "pending-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static PendingSampler start(IntSupplier size) {
        return new PendingSampler(size);
    }

    int largest() {
        return largest.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
