package dev.magnetar.runtime.invoke;

import dev.magnetar.runtime.codec.GenericRecordBody;
import dev.magnetar.runtime.codec.InputRejectedException;
import dev.magnetar.runtime.codec.Payload;
import dev.magnetar.runtime.codec.PayloadCodec;
import dev.magnetar.runtime.codec.PayloadException;
import dev.magnetar.runtime.context.ContextResources;
import dev.magnetar.runtime.context.FunctionContext;
import dev.magnetar.runtime.context.InvocationRecord;
import dev.magnetar.runtime.loading.LoadedFunction;
import dev.magnetar.runtime.schema.FunctionSchemas;
import dev.magnetar.runtime.schema.SchemaChoice;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaType;
import org.apache.pulsar.functions.api.Record;

/**
 * Runs one invocation: decode the input with the input schema, call the function (on the calling thread or a
 * worker) with a fresh context, wait (without blocking) for an asynchronous result, apply the timeout, and hand
 * the result on with the schema it is published with (a returned {@link Record} with its own). Used by the
 * message loop and by HTTP {@code /invoke} alike. A synchronous function cannot be interrupted safely, so for
 * the loop its overrun is reported once it returns.
 */
public final class FunctionInvoker {
    private final LoadedFunction function;
    private final FunctionSchemas schemas;
    /** The output is generic (AUTO_CONSUME): each result goes with the schema of the input it came from. */
    private final boolean genericOutput;
    /** Writes results of a function that does not declare its result type, each by its own class. */
    private final PayloadCodec byValueType = new PayloadCodec(byte[].class);
    /** Reads direct calls' bodies for a function with a generic input; null for any other input. */
    private final GenericRecordBody genericInput;
    private final ContextResources resources;
    private final ExecutorService workers;
    private final long timeoutMs;

    /** With the schemas the function's types give when nothing is looked up (a replica without Pulsar, tests). */
    public FunctionInvoker(LoadedFunction function, ContextResources resources, ExecutorService workers, long timeoutMs) {
        this(function, FunctionSchemas.byType(function), resources, workers, timeoutMs);
    }

    public FunctionInvoker(LoadedFunction function, FunctionSchemas schemas, ContextResources resources,
                           ExecutorService workers, long timeoutMs) {
        this.function = function;
        this.schemas = schemas;
        this.genericOutput = schemas.output() != null && SchemaChoice.typeOf(schemas.output()) == SchemaType.AUTO_CONSUME;
        this.genericInput = SchemaChoice.typeOf(schemas.input()) == SchemaType.AUTO_CONSUME
                ? new GenericRecordBody(resources.function().requestTopic().orElse(null), schemas.choice().topics())
                : null;
        this.resources = resources;
        this.workers = workers;
        this.timeoutMs = timeoutMs;
    }

    /**
     * {@link #invoke(byte[], Function)} of a direct call carrying {@code properties}: its record shows the schema the
     * body was read with.
     */
    public CompletableFuture<Payload> invoke(byte[] input, Map<String, String> properties) {
        return invoke(new DirectInput(input, null), properties);
    }

    /**
     * For a caller that waits (HTTP {@code /invoke}): completes with the encoded result (null when the
     * function returned null), or exceptionally with what the function threw, a
     * {@link dev.magnetar.runtime.codec.PayloadException} or an {@link InvocationTimeoutException} —
     * at the latest after the timeout, even while a synchronous function is still running.
     */
    public CompletableFuture<Payload> invoke(byte[] input, Function<Object, Record<?>> recordOf) {
        return invoke(new DirectInput(input, recordOf), null);
    }

    private CompletableFuture<Payload> invoke(DirectInput direct, Map<String, String> properties) {
        direct.properties = properties;
        CompletableFuture<Payload> result = new CompletableFuture<>();
        invokeOnWorker(direct, new InvocationOutcome() {
            @Override
            public void succeeded(Payload payload, long nanos) {
                result.complete(payload);
            }

            @Override
            public void failed(Throwable error, long nanos) {
                result.completeExceptionally(error);
            }
        });
        return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(this::explain);
    }

    /**
     * {@link #invokeOnCallingThread} on a worker thread, for the message loop when several synchronous
     * invocations may run at once. Throws {@link java.util.concurrent.RejectedExecutionException} when
     * the workers are shut down.
     */
    public void invokeOnWorker(InvocationInput input, InvocationOutcome done) {
        workers.execute(() -> invokeOnCallingThread(input, done));
    }

    /** The schemas this invoker reads inputs and writes results with. */
    public FunctionSchemas schemas() {
        return schemas;
    }

    /** Encoded input bytes, decoded with the input schema; the record {@code recordOf} makes of the value. */
    public InvocationInput direct(byte[] input, Function<Object, Record<?>> recordOf) {
        return new DirectInput(input, recordOf);
    }

    /**
     * A direct call's body: decoded with the input schema, or for a generic input read as JSON with the input topic's
     * schema. A body that does not decode is the caller's to fix ({@link InputRejectedException}).
     */
    private final class DirectInput implements InvocationInput {
        private final byte[] input;
        /** Makes the record; null: a record of the call's properties and the schema the body was read with. */
        private final Function<Object, Record<?>> recordOf;
        private Map<String, String> properties;
        private Schema<?> decodedWith;

        DirectInput(byte[] input, Function<Object, Record<?>> recordOf) {
            this.input = input;
            this.recordOf = recordOf;
        }

        @Override
        public Object decode() {
            if (genericInput != null) {
                GenericRecordBody.Decoded decoded = genericInput.decode(input);
                decodedWith = decoded.schema();
                return decoded.value();
            }
            decodedWith = schemas.input();
            try {
                return decodedWith.decode(input);
            } catch (RuntimeException e) {
                throw new InputRejectedException("the body does not decode with the function's "
                        + SchemaChoice.typeOf(decodedWith) + " input schema: " + describe(e)
                        + "; send the input as that schema writes it", e);
            }
        }

        @Override
        public Record<?> record(Object value) {
            return recordOf != null ? recordOf.apply(value)
                    : InvocationRecord.direct(value, properties == null ? Map.of() : properties, decodedWith);
        }
    }

    /** {@link #invokeOnCallingThread(InvocationInput, InvocationOutcome)} of encoded input bytes. */
    public void invokeOnCallingThread(byte[] input, Function<Object, Record<?>> recordOf, InvocationOutcome done) {
        invokeOnCallingThread(direct(input, recordOf), done);
    }

    /** True when the function declares an asynchronous ({@code CompletionStage}) result. */
    public boolean asynchronous() {
        return function.asynchronous();
    }

    /**
     * Runs one invocation on the calling thread: the message loop's way at concurrency 1 or with an
     * asynchronous function, where a hand-off to a worker buys nothing and costs two thread wake-ups
     * per message.
     * {@code done} hears of the encoded result or the error exactly once: before this returns for a
     * synchronous function (no future is allocated on that path, which runs once per message), when
     * the result completes for an asynchronous one. The timeout still applies to an asynchronous
     * result; a synchronous call that overran it is reported as timed out once it returns.
     */
    public void invokeOnCallingThread(InvocationInput input, InvocationOutcome done) {
        long started = System.nanoTime();
        Object returned;
        Record<?> record;
        try {
            Object value = decode(input);
            record = input.record(value);
            returned = call(value, record);
        } catch (RuntimeException e) {
            done.failed(explained(e), System.nanoTime() - started);
            return;
        }
        if (returned instanceof CompletionStage<?> stage) {
            // A dependent stage of our own: the timeout must not complete the function's future under its feet.
            CompletableFuture<?> result = stage.thenApply(value -> value).toCompletableFuture();
            result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
                long nanos = System.nanoTime() - started;
                if (error == null) {
                    encodeInto(value, record, nanos, done);
                } else {
                    done.failed(explained(error), nanos);
                }
            });
            return;
        }
        long nanos = System.nanoTime() - started;
        if (nanos > TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
            done.failed(explained(new TimeoutException()), nanos);
        } else {
            encodeInto(returned, record, nanos, done);
        }
    }

    private void encodeInto(Object value, Record<?> input, long nanos, InvocationOutcome done) {
        Payload payload;
        try {
            payload = payload(value, input);
        } catch (RuntimeException e) {
            done.failed(e, nanos);
            return;
        }
        done.succeeded(payload, nanos);
    }

    /**
     * The result with the schema it is published with: a returned record's own (else the output's), a generic record
     * the schema of the input it came from (as Pulsar writes an AUTO_CONSUME output), a value the output schema.
     */
    private Payload payload(Object value, Record<?> input) {
        Schema<?> output = schemas.output();
        if (value == null || (output == null && !(value instanceof Record<?>))) {
            return null;
        }
        if (value instanceof Record<?> record) {
            return Payload.record(record, record.getSchema() != null ? record.getSchema() : output);
        }
        if (schemas.byValueType()) {
            return byValueType.encode(value);
        }
        if (genericOutput) {
            Schema<?> inputSchema = input == null ? null : input.getSchema();
            if (inputSchema == null) {
                throw new PayloadException("the result is a generic record but the input carries no schema to write"
                        + " it with: name an output schema type (spec.outputSchemaType)", null);
            }
            return Payload.of(value, inputSchema);
        }
        return Payload.of(value, output);
    }

    /** The input's value; one that does not decode is a {@link PayloadException}. */
    private static Object decode(InvocationInput input) {
        try {
            return input.decode();
        } catch (PayloadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PayloadException("the input does not decode: " + describe(e), e);
        }
    }

    private Object call(Object value, Record<?> record) {
        try {
            return function.apply(value, new FunctionContext(resources, record));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private <T> CompletionStage<T> explain(Throwable error) {
        return CompletableFuture.failedFuture(explained(error));
    }

    /** What a user should see: unwrapped, and a timeout explained with the setting that governs it. */
    private Throwable explained(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            cause = new InvocationTimeoutException("no result within " + timeoutMs + " ms (spec.timeoutMs of "
                    + resources.function().fqfn() + "): raise spec.timeoutMs or make the function faster");
        }
        return cause;
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
