package dev.magnetar.runtime.window;

import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.loading.UserCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The function's timestamp extractor ({@code spec.window.timestampExtractorClassName}): a class of its jar with a public
 * {@code long extractTimestamp(T)}, as Pulsar's {@code org.apache.pulsar.functions.windowing.TimestampExtractor}
 * (which is not part of the Functions API, so the method is found by its name rather than through that interface).
 */
final class TimestampExtractor {
    private static final String FIELD = "spec.window.timestampExtractorClassName";
    private static final String METHOD = "extractTimestamp";

    private final Object instance;
    private final Method method;
    private final UserCode userCode;

    private TimestampExtractor(Object instance, Method method, UserCode userCode) {
        this.instance = instance;
        this.method = method;
        this.userCode = userCode;
    }

    /** Loads and creates the extractor with the function's class loader. */
    static TimestampExtractor load(String className, UserCode userCode) {
        Class<?> type;
        try {
            type = Class.forName(className, true, userCode.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(FIELD + ": cannot load '" + className + "' (" + e + "): put the class into"
                    + " the function's jar or fix the name", e);
        }
        Method extract = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(METHOD) && candidate.getParameterCount() == 1 && !candidate.isBridge()
                    && (candidate.getReturnType() == long.class || candidate.getReturnType() == Long.class)) {
                extract = candidate;
            }
        }
        if (extract == null || Modifier.isAbstract(type.getModifiers())) {
            throw new ConfigurationException(FIELD + ": " + className + " has no public 'long " + METHOD + "(T input)'"
                    + " or is abstract: implement Pulsar's TimestampExtractor in a concrete class");
        }
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return new TimestampExtractor(userCode.call(constructor::newInstance), extract, userCode);
        } catch (Exception e) {
            throw new ConfigurationException(FIELD + ": cannot create " + className + " (" + e + "): give it a"
                    + " constructor without arguments", e);
        }
    }

    /** The event time of {@code value}, in epoch milliseconds; throws what the extractor throws. */
    long timestamp(Object value) throws Exception {
        Object time = userCode.call(() -> {
            try {
                return method.invoke(instance, value);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
        if (time == null) {
            throw new IllegalStateException(instance.getClass().getName() + "." + METHOD + " returned null");
        }
        return (Long) time;
    }
}
