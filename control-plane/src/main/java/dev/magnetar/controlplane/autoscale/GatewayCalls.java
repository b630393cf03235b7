package dev.magnetar.controlplane.autoscale;

import dev.magnetar.gateway.http.CallWatcher;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The gateway calls waiting for each function's reply, counted as they go out and end; each call, and each asynchronous
 * call queued, wakes a function at zero.
 */
@Singleton
public class GatewayCalls implements CallWatcher {
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private volatile Consumer<String> onCall = fqfn -> { };

    /** {@code onCall} hears of every call as it goes out (the autoscaler, to wake a function at zero at once). */
    void onCall(Consumer<String> onCall) {
        this.onCall = onCall;
    }

    @Override
    public void sent(String fqfn) {
        waiting.computeIfAbsent(fqfn, name -> new AtomicInteger()).incrementAndGet();
        onCall.accept(fqfn);
    }

    @Override
    public void ended(String fqfn) {
        AtomicInteger count = waiting.get(fqfn);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    @Override
    public void queued(String fqfn) {
        onCall.accept(fqfn);
    }

    /** The functions with calls waiting for their reply now. */
    public Set<String> functionsWaiting() {
        Set<String> out = new HashSet<>();
        waiting.forEach((fqfn, count) -> {
            if (count.get() > 0) {
                out.add(fqfn);
            }
        });
        return out;
    }

    /** Calls to {@code fqfn} waiting for their reply now. */
    public int waiting(String fqfn) {
        AtomicInteger count = waiting.get(fqfn);
        return count == null ? 0 : Math.max(0, count.get());
    }
}
