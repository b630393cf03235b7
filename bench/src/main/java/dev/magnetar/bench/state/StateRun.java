package dev.magnetar.bench.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measured run of one client: increments per second on 1 and {@code threads} threads, and latencies of
 * sequential puts, gets and increments. The counter is read back to check every increment was counted.
 */
record StateRun(double oneThread, double manyThreads, long[] putNanos, long[] getNanos, long[] incrementNanos,
                boolean countedExactly) {

    static StateRun measure(StateOps ops, String prefix, int seconds, int threads, int samples) {
        String counter = prefix + "-rate";
        long done1 = rate(ops, counter, 1, seconds);
        long doneMany = rate(ops, counter, threads, seconds);
        boolean exact = ops.counter(counter) == done1 + doneMany;
        byte[] value = new byte[100];
        long[] put = new long[samples];
        long[] get = new long[samples];
        long[] incr = new long[samples];
        for (int i = 0; i < samples; i++) {
            String key = prefix + "-key-" + (i % 100);
            long t0 = System.nanoTime();
            ops.put(key, value);
            long t1 = System.nanoTime();
            ops.get(key);
            long t2 = System.nanoTime();
            ops.increment(prefix + "-latency");
            long t3 = System.nanoTime();
            put[i] = t1 - t0;
            get[i] = t2 - t1;
            incr[i] = t3 - t2;
        }
        return new StateRun((double) done1 / seconds, (double) doneMany / seconds, sorted(put), sorted(get),
                sorted(incr), exact);
    }

    /** Increments done by {@code threads} threads in {@code seconds}. */
    private static long rate(StateOps ops, String key, int threads, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        LongAdder done = new LongAdder();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    ops.increment(key);
                    done.increment();
                }
            }, runnable -> new Thread(runnable, "bench-state").start()));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        return done.sum();
    }

    /** The run with the higher single-thread rate: the less disturbed one on a shared machine. */
    static StateRun better(StateRun a, StateRun b) {
        return b.oneThread > a.oneThread ? b : a;
    }

    List<String> row(String variant) {
        return List.of(variant, String.format(Locale.ROOT, "%.0f", oneThread),
                String.format(Locale.ROOT, "%.0f", manyThreads), pair(putNanos), pair(getNanos), pair(incrementNanos),
                countedExactly ? "yes" : "NO");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("incrementsPerSecond1Thread", oneThread);
        json.put("incrementsPerSecondManyThreads", manyThreads);
        json.put("putP50Ms", ms(percentile(putNanos, 0.50)));
        json.put("putP99Ms", ms(percentile(putNanos, 0.99)));
        json.put("getP50Ms", ms(percentile(getNanos, 0.50)));
        json.put("getP99Ms", ms(percentile(getNanos, 0.99)));
        json.put("incrementP50Ms", ms(percentile(incrementNanos, 0.50)));
        json.put("incrementP99Ms", ms(percentile(incrementNanos, 0.99)));
        json.put("countedExactly", countedExactly);
        return json;
    }

    private static String pair(long[] nanos) {
        return String.format(Locale.ROOT, "%.1f / %.1f", ms(percentile(nanos, 0.50)), ms(percentile(nanos, 0.99)));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
