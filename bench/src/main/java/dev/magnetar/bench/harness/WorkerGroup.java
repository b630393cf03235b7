package dev.magnetar.bench.harness;

import java.util.ArrayList;
import java.util.List;

/** The worker JVMs of one run (one per replica); CPU is their sum, {@link #close} stops them all. */
public final class WorkerGroup implements AutoCloseable {
    private final List<ChildJvm> workers = new ArrayList<>();

    public void add(ChildJvm worker) {
        workers.add(worker);
    }

    public int size() {
        return workers.size();
    }

    public boolean allAlive() {
        return workers.stream().allMatch(ChildJvm::isAlive);
    }

    /** CPU milliseconds of every worker together. */
    public long cpuMillis() {
        return workers.stream().mapToLong(w -> ProcessCpu.millis(w.pid())).sum();
    }

    @Override
    public void close() {
        workers.forEach(ChildJvm::close);
    }
}
