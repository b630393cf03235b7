package dev.magnetar.cli.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When each of some processes (not necessarily our children) ended, seen by polling every 10 ms. */
final class ExitTimes implements AutoCloseable {
    private final List<ProcessHandle> processes;
    private final Map<Long, Instant> exits = new ConcurrentHashMap<>();
    private final Thread poller;

    private ExitTimes(List<ProcessHandle> processes) {
        this.processes = List.copyOf(processes);
        this.poller = new Thread(this::poll, "exit-times");
        poller.setDaemon(true);
    }

    static ExitTimes watch(List<ProcessHandle> processes) {
        ExitTimes times = new ExitTimes(processes);
        times.poller.start();
        return times;
    }

    private void poll() {
        while (exits.size() < processes.size() && !Thread.currentThread().isInterrupted()) {
            for (ProcessHandle process : processes) {
                if (!process.isAlive()) {
                    exits.putIfAbsent(process.pid(), Instant.now());
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until every process ended; fails naming those still running after {@code timeout}. */
    Map<Long, Instant> awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (exits.size() < processes.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> left = processes.stream().filter(ProcessHandle::isAlive)
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("?")).toList();
        if (!left.isEmpty()) {
            throw new AssertionError("still running " + timeout.toSeconds() + " s after the stop: " + left);
        }
        return Map.copyOf(exits);
    }

    @Override
    public void close() {
        poller.interrupt();
    }
}
