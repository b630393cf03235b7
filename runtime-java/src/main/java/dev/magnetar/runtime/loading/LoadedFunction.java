package dev.magnetar.runtime.loading;

import dev.magnetar.api.function.FunctionKind;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.context.WindowContexts;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Record;
import org.apache.pulsar.functions.api.WindowContext;

/**
 * One instance of the user's function, behind a single calling convention. The result of
 * {@link #apply} is what the function returned: a value, null, or a
 * {@link java.util.concurrent.CompletionStage} for asynchronous functions. A window function (one loaded
 * {@link #windowed()}) gets its windows through {@link #applyWindow}; {@link #apply} runs it on a window of one.
 */
public final class LoadedFunction implements AutoCloseable {
    private final Object instance;
    private final FunctionKind kind;
    /** The interface of {@link #kind} as the function's class loader sees it. */
    private final Class<?> functionInterface;
    private final Type inputType;
    private final UserCode userCode;
    /** Runs on windows ({@code spec.window}): a WindowFunction, or a java.util.function.Function of a Collection. */
    private final boolean windowed;

    LoadedFunction(Object instance, FunctionKind kind, Type inputType, UserCode userCode) {
        this(instance, kind, inputType, userCode, false);
    }

    LoadedFunction(Object instance, FunctionKind kind, Type inputType, UserCode userCode, boolean windowed) {
        this.instance = instance;
        this.kind = kind;
        this.functionInterface = interfaceOf(instance.getClass(), kind);
        this.inputType = inputType;
        this.userCode = userCode;
        this.windowed = windowed;
    }

    /** As {@link #wrap(Object, ClassLoader)}, as a window function when {@code windowed}. */
    public static LoadedFunction wrap(Object instance, ClassLoader loader, boolean windowed) {
        FunctionKind kind = FunctionKind.of(instance.getClass()).orElseThrow(() -> new IllegalArgumentException(
                instance.getClass().getName() + " implements no function interface"));
        return new LoadedFunction(instance, kind, inputTypeOf(instance.getClass(), kind, windowed), new UserCode(loader),
                windowed);
    }

    /** Wraps an instance already on the class path (tests, and functions built into an image). */
    public static LoadedFunction wrap(Object instance, ClassLoader loader) {
        FunctionKind kind = FunctionKind.of(instance.getClass()).orElseThrow(() -> new IllegalArgumentException(
                instance.getClass().getName() + " implements no function interface"));
        return new LoadedFunction(instance, kind, inputTypeOf(instance.getClass(), kind), new UserCode(loader));
    }

    /** The declared input type; raw bytes when the function does not say (erased, or plain Object). */
    static Type inputTypeOf(Class<?> type, FunctionKind kind) {
        Type input = TypeArguments.of(type, interfaceOf(type, kind), 0).orElse(byte[].class);
        return input == Object.class ? byte[].class : input;
    }

    /**
     * As {@link #inputTypeOf(Class, FunctionKind)}; for a window function the type of one element of its windows: the
     * {@code T} of {@code WindowFunction<T, X>} or of {@code Function<Collection<T>, X>}.
     *
     * @throws ConfigurationException when a windowed java.util.function.Function takes no Collection
     */
    static Type inputTypeOf(Class<?> type, FunctionKind kind, boolean windowed) {
        if (!windowed || kind != FunctionKind.JAVA) {
            return inputTypeOf(type, kind);
        }
        Type input = TypeArguments.of(type, interfaceOf(type, kind), 0).orElse(Collection.class);
        Class<?> raw = TypeArguments.raw(input);
        if (raw == null || !Collection.class.isAssignableFrom(raw)) {
            throw new ConfigurationException("spec.runtime.className: " + type.getName() + " takes " + input.getTypeName()
                    + ", but a window function takes a Collection (Function<Collection<T>, R>): change its input, or"
                    + " remove spec.window");
        }
        Type element = input instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[0] : byte[].class;
        return element == Object.class || !(element instanceof Class<?> || element instanceof ParameterizedType)
                ? byte[].class : element;
    }

    /** The interface {@code type} implements as {@code kind}: the one its class loader sees. */
    private static Class<?> interfaceOf(Class<?> type, FunctionKind kind) {
        return kind.interfaceOf(type).orElseThrow();
    }

    public FunctionKind kind() {
        return kind;
    }

    /**
     * True when the function declares a {@link java.util.concurrent.CompletionStage} result: it
     * returns at once and finishes later, so it may be called from the message loop's own thread.
     */
    public boolean asynchronous() {
        return TypeArguments.of(instance.getClass(), functionInterface, 1)
                .map(TypeArguments::raw)
                .filter(java.util.concurrent.CompletionStage.class::isAssignableFrom)
                .isPresent();
    }

    /**
     * The declared input type; {@code byte[]} when the function does not say. For a window function the type of one
     * element of its windows (each message decodes to one).
     */
    public Type inputType() {
        return inputType;
    }

    /**
     * The declared result type as it is published: unwrapped from {@code CompletionStage<T>} and {@code Record<T>}
     * (as Pulsar reads a function's output type); {@code Object} when the function does not say.
     */
    public Type outputType() {
        Type output = TypeArguments.of(instance.getClass(), functionInterface, 1).orElse(Object.class);
        Class<?> raw = TypeArguments.raw(output);
        while (raw != null && (java.util.concurrent.CompletionStage.class.isAssignableFrom(raw)
                || org.apache.pulsar.functions.api.Record.class.isAssignableFrom(raw))) {
            output = output instanceof java.lang.reflect.ParameterizedType parameterized
                    && !(parameterized.getActualTypeArguments()[0] instanceof java.lang.reflect.TypeVariable<?>)
                    ? parameterized.getActualTypeArguments()[0] : Object.class;
            raw = TypeArguments.raw(output);
        }
        return output;
    }

    /** True for a window function: it runs on windows of messages ({@code spec.window}). */
    public boolean windowed() {
        return windowed;
    }

    public String className() {
        return instance.getClass().getName();
    }

    public UserCode userCode() {
        return userCode;
    }

    public void initialize(Context context) throws Exception {
        if (kind == FunctionKind.PULSAR) {
            userCode.call(() -> {
                pulsarFunction().initialize(context);
                return null;
            });
        }
    }

    public Object apply(Object input, Context context) throws Exception {
        if (windowed) {
            // HTTP /invoke: a window of the one input.
            return applyWindow(List.of(context.getCurrentRecord()), WindowContexts.of(context));
        }
        return userCode.call(() -> kind == FunctionKind.PULSAR
                ? pulsarFunction().process(input, context)
                : javaFunction().apply(input));
    }

    /**
     * Runs a window function on one window: a WindowFunction gets the records, a java.util.function.Function their
     * values, in the window's order.
     */
    @SuppressWarnings("unchecked")
    public Object applyWindow(List<? extends Record<?>> records, WindowContext context) throws Exception {
        if (kind == FunctionKind.WINDOW) {
            org.apache.pulsar.functions.api.WindowFunction<Object, Object> function =
                    (org.apache.pulsar.functions.api.WindowFunction<Object, Object>) instance;
            Collection<Record<Object>> window = (Collection<Record<Object>>) (Collection<?>) records;
            return userCode.call(() -> function.process(window, context));
        }
        List<Object> values = records.stream().map(record -> (Object) record.getValue()).toList();
        return userCode.call(() -> javaFunction().apply(values));
    }

    @Override
    public void close() throws Exception {
        if (kind == FunctionKind.PULSAR) {
            userCode.call(() -> {
                pulsarFunction().close();
                return null;
            });
        }
    }

    @SuppressWarnings("unchecked")
    private org.apache.pulsar.functions.api.Function<Object, Object> pulsarFunction() {
        return (org.apache.pulsar.functions.api.Function<Object, Object>) instance;
    }

    @SuppressWarnings("unchecked")
    private java.util.function.Function<Object, Object> javaFunction() {
        return (java.util.function.Function<Object, Object>) instance;
    }
}
