package dev.magnetar.runtime.loading;

import dev.magnetar.api.function.FunctionKind;
import java.lang.reflect.Type;
import org.apache.pulsar.functions.api.Context;

/**
 * One instance of the user's function, behind a single calling convention. The result of
 * {@link #apply} is what the function returned: a value, null, or a
 * {@link java.util.concurrent.CompletionStage} for asynchronous functions.
 */
public final class LoadedFunction implements AutoCloseable {
    private final Object instance;
    private final FunctionKind kind;
    /** The interface of {@link #kind} as the function's class loader sees it. */
    private final Class<?> functionInterface;
    private final Type inputType;
    private final UserCode userCode;

    LoadedFunction(Object instance, FunctionKind kind, Type inputType, UserCode userCode) {
        this.instance = instance;
        this.kind = kind;
        this.functionInterface = interfaceOf(instance.getClass(), kind);
        this.inputType = inputType;
        this.userCode = userCode;
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

    /** The declared input type; {@code byte[]} when the function does not say. */
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
        return userCode.call(() -> kind == FunctionKind.PULSAR
                ? pulsarFunction().process(input, context)
                : javaFunction().apply(input));
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
