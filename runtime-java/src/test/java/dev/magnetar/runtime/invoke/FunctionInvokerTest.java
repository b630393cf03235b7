package dev.magnetar.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.function.ResolvedFunction;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.metrics.RuntimeMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pulsar.functions.api.Context;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;


class FunctionInvokerTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();
    /** The invocation times the outcomes of {@link #invokeHere} heard. */
    private final List<Long> times = new CopyOnWriteArrayList<>();

    record Greeting(String name) {
    }

    static class Upper implements java.util.function.Function<String, String> {
        public String apply(String input) {
            return input.toUpperCase();
        }
    }

    static class Greeter implements org.apache.pulsar.functions.api.Function<Greeting, CompletableFuture<String>> {
        public CompletableFuture<String> process(Greeting input, Context context) {
            return CompletableFuture.supplyAsync(() -> "hello " + input.name() + " from " + context.getFunctionName());
        }
    }

    static class Thrower implements org.apache.pulsar.functions.api.Function<String, String> {
        public String process(String input, Context context) throws Exception {
            throw new java.io.IOException("backend down for " + input);
        }
    }

    static class Never implements java.util.function.Function<String, CompletableFuture<String>> {
        public CompletableFuture<String> apply(String input) {
            return new CompletableFuture<>();
        }
    }

    static class Held implements java.util.function.Function<String, CompletableFuture<String>> {
        final CompletableFuture<String> future = new CompletableFuture<>();

        public CompletableFuture<String> apply(String input) {
            return future;
        }
    }

    static class ThreadName implements java.util.function.Function<String, String> {
        public String apply(String input) {
            return Thread.currentThread().getName();
        }
    }

    static class Slow implements java.util.function.Function<String, String> {
        public String apply(String input) {
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        }
    }

    static class Nothing implements java.util.function.Function<byte[], Void> {
        public Void apply(byte[] input) {
            return null;
        }
    }

    static class Untyped implements java.util.function.Function<Object, Object> {
        public Object apply(Object input) {
            return input;
        }
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private CompletableFuture<Payload> invoke(Object function, String input, long timeoutMs) {
        return invoke(function, input, timeoutMs, false);
    }

    private CompletableFuture<Payload> invokeHere(Object function, String input, long timeoutMs) {
        return invoke(function, input, timeoutMs, true);
    }

    private CompletableFuture<Payload> invoke(Object function, String input, long timeoutMs, boolean here) {
        var definition = Definitions.define("inv", "a.B", Path.of("/x.jar"), "in", "out");
        ContextResources resources = new ContextResources(ResolvedFunction.of(definition), "0", 0, null, null,
                new RuntimeMetrics("public/default/inv", 0), LoggerFactory.getLogger("inv"), Map.of(), e -> { });
        FunctionInvoker invoker = new FunctionInvoker(LoadedFunction.wrap(function, getClass().getClassLoader()),
                resources, workers, timeoutMs);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        if (!here) {
            return invoker.invoke(bytes, value -> InvocationRecord.direct(value, Map.of()));
        }
        CompletableFuture<Payload> result = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        invoker.invokeOnCallingThread(bytes, value -> InvocationRecord.direct(value, Map.of()), new InvocationOutcome() {
            @Override
            public void succeeded(Payload payload, long nanos) {
                once();
                times.add(nanos);
                result.complete(payload);
            }

            @Override
            public void failed(Throwable error, long nanos) {
                once();
                times.add(nanos);
                result.completeExceptionally(error);
            }

            private void once() {
                if (calls.incrementAndGet() > 1) {
                    throw new AssertionError("the outcome was reported twice");
                }
            }
        });
        return result;
    }

    private static String text(Payload payload) {
        return new String(payload.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void runsAJavaUtilFunction() {
        assertThat(invoke(new Upper(), "abc", 5_000)).succeedsWithin(Duration.ofSeconds(5))
                .satisfies(p -> assertThat(text(p)).isEqualTo("ABC"));
    }

    @Test
    void waitsForAnAsyncResultAndDecodesJsonInput() {
        assertThat(invoke(new Greeter(), "{\"name\":\"ada\"}", 5_000)).succeedsWithin(Duration.ofSeconds(5))
                .satisfies(p -> assertThat(text(p)).isEqualTo("hello ada from inv"));
    }

    @Test
    void reportsWhatTheFunctionThrewWithoutWrappers() {
        CompletableFuture<Payload> result = invoke(new Thrower(), "x", 5_000);
        assertThat(result).failsWithin(Duration.ofSeconds(5));
        Throwable error = result.handle((p, e) -> e).join();
        assertThat(FunctionInvoker.unwrap(error)).isInstanceOf(java.io.IOException.class);
        assertThat(FunctionInvoker.describe(error)).isEqualTo("IOException: backend down for x");
    }

    @Test
    void failsAnInvocationThatOutlivesTheTimeout() {
        CompletableFuture<Payload> result = invoke(new Never(), "x", 50);
        Throwable error = result.handle((p, e) -> e).join();
        assertThat(FunctionInvoker.unwrap(error)).isInstanceOf(InvocationTimeoutException.class)
                .hasMessageContaining("no result within 50 ms").hasMessageContaining("spec.timeoutMs");
    }

    @Test
    void anUntypedFunctionGetsTheRawBytes() {
        assertThat(invoke(new Untyped(), "not json", 5_000)).succeedsWithin(Duration.ofSeconds(5))
                .satisfies(p -> assertThat(text(p)).isEqualTo("not json"));
    }

    @Test
    void aNullResultIsNoPayload() {
        assertThat(invoke(new Nothing(), "x", 5_000)).succeedsWithin(Duration.ofSeconds(5)).isNull();
    }

    @Test
    void onTheCallingThreadTheFunctionRunsHereAndItsResultIsReadyAtOnce() {
        ThreadName threadName = new ThreadName();

        CompletableFuture<Payload> result = invokeHere(threadName, "x", 5_000);

        assertThat(result).isCompleted();
        assertThat(text(result.join())).isEqualTo(Thread.currentThread().getName());
        assertThat(text(invoke(threadName, "x", 5_000).join())).as("the pool otherwise")
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void onTheCallingThreadASynchronousOverrunIsReportedAsATimeoutOnceItReturns() {
        Throwable error = invokeHere(new Slow(), "x", 20).handle((p, e) -> e).join();

        assertThat(FunctionInvoker.unwrap(error)).isInstanceOf(InvocationTimeoutException.class)
                .hasMessageContaining("no result within 20 ms");
        assertThat(times).singleElement().asInstanceOf(InstanceOfAssertFactories.LONG)
                .as("the overrun's time, not the timeout's").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
    }

    @Test
    void theOutcomeCarriesTheInvocationsTimeSyncOrAsync() {
        invokeHere(new Slow(), "x", 5_000).join();
        Held held = new Held();
        CompletableFuture<Payload> later = invokeHere(held, "x", 5_000);
        CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(() -> held.future.complete("done"));
        later.join();

        assertThat(times).hasSize(2).allSatisfy(nanos ->
                assertThat(nanos).isBetween(TimeUnit.MILLISECONDS.toNanos(120), TimeUnit.SECONDS.toNanos(5)));
        assertThat(times.get(1)).as("until the asynchronous result, not the return").isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void onTheCallingThreadAnAsyncResultStillTimesOutAndErrorsAreUnwrapped() {
        Throwable timeout = invokeHere(new Never(), "x", 50).handle((p, e) -> e).join();
        assertThat(FunctionInvoker.unwrap(timeout)).isInstanceOf(InvocationTimeoutException.class);

        Throwable thrown = invokeHere(new Thrower(), "x", 5_000).handle((p, e) -> e).join();
        assertThat(FunctionInvoker.describe(thrown)).isEqualTo("IOException: backend down for x");
    }

    @Test
    void onTheCallingThreadATimeoutLeavesTheFunctionsOwnFutureAlone() {
        Held held = new Held();

        Throwable timeout = invokeHere(held, "x", 50).handle((p, e) -> e).join();

        assertThat(FunctionInvoker.unwrap(timeout)).isInstanceOf(InvocationTimeoutException.class);
        assertThat(held.future).as("the function may still complete it").isNotDone();
    }

    @Test
    void onTheCallingThreadANullResultIsNoPayload() {
        assertThat(invokeHere(new Nothing(), "x", 5_000)).isCompletedWithValue(null);
    }

    @Test
    void aFunctionDeclaringACompletionStageResultIsAsynchronous() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(LoadedFunction.wrap(new Greeter(), loader).asynchronous()).as("Pulsar Function").isTrue();
        assertThat(LoadedFunction.wrap(new Never(), loader).asynchronous()).as("java.util.function").isTrue();
        assertThat(LoadedFunction.wrap(new Upper(), loader).asynchronous()).isFalse();
        assertThat(LoadedFunction.wrap(new Untyped(), loader).asynchronous()).as("undeclared").isFalse();
    }
}
