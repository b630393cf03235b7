package dev.magnetar.runtime.invoke;

import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadCodec;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.context.FunctionContext;
import dev.magnetar.runtime.loading.LoadedFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pulsar.functions.api.Record;

/**
 * Runs one invocation: decode the input, call the function on a worker thread with a fresh
 * context, wait (without blocking) for an asynchronous result, apply the timeout, encode the
 * result. Used by the message loop and by HTTP {@code /invoke} alike.
 */
public final class FunctionInvoker {
    private final LoadedFunction function;
    private final PayloadCodec codec;
    private final ContextResources resources;
    private final ExecutorService workers;
    private final long timeoutMs;

    public FunctionInvoker(LoadedFunction function, ContextResources resources, ExecutorService workers, long timeoutMs) {
        this.function = function;
        this.codec = new PayloadCodec(function.inputType());
        this.resources = resources;
        this.workers = workers;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Completes with the encoded result (null when the function returned null), or exceptionally
     * with what the function threw, a {@link dev.magnetar.runtime.codec.PayloadException} or an
     * {@link InvocationTimeoutException}.
     */
    public CompletableFuture<Payload> invoke(byte[] input, Function<Object, Record<?>> recordOf) {
        CompletableFuture<Object> result = CompletableFuture
                .supplyAsync(() -> call(input, recordOf), workers)
                .thenCompose(FunctionInvoker::awaitIfAsync);
        return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(this::explain)
                .thenApply(codec::encode);
    }

    /** True when the function declares an asynchronous ({@code CompletionStage}) result. */
    public boolean asynchronous() {
        return function.asynchronous();
    }

    /**
     * The same on the calling thread, for the message loop at concurrency 1 or with an asynchronous
     * function: a hand-off to a worker then buys nothing and costs two thread wake-ups per message
     * (the largest share of a replica's CPU per message). The timeout still applies to an asynchronous
     * result; a synchronous call that overran it is reported as timed out once it returns.
     */
    public CompletableFuture<Payload> invokeOnCallingThread(byte[] input, Function<Object, Record<?>> recordOf) {
        long started = System.nanoTime();
        CompletableFuture<Object> result;
        try {
            Object returned = call(input, recordOf);
            if (!(returned instanceof CompletionStage<?>) && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                result = CompletableFuture.failedFuture(new TimeoutException());
            } else {
                result = CompletableFuture.completedFuture(returned).thenCompose(FunctionInvoker::awaitIfAsync);
            }
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(this::explain)
                .thenApply(codec::encode);
    }

    private Object call(byte[] input, Function<Object, Record<?>> recordOf) {
        Object value = codec.decode(input);
        try {
            return function.apply(value, new FunctionContext(resources, recordOf.apply(value)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> awaitIfAsync(Object returned) {
        return returned instanceof CompletionStage<?> stage
                ? (CompletionStage<Object>) stage
                : CompletableFuture.completedFuture(returned);
    }

    private CompletionStage<Object> explain(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            cause = new InvocationTimeoutException("no result within " + timeoutMs + " ms (spec.timeoutMs of "
                    + resources.function().fqfn() + "): raise spec.timeoutMs or make the function faster");
        }
        return CompletableFuture.failedFuture(cause);
    }

    /** The exception a user should see: without the CompletionException wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A one-line description for replies, HTTP errors and logs. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + message;
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
