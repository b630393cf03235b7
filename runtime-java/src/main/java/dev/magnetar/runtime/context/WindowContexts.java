package dev.magnetar.runtime.context;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.WindowContext;

/**
 * The {@link WindowContext} a window function gets: every method answered by the function's {@link Context}, which
 * has each of them with the same signature (names, user config, secrets, logger, metrics, publish, state).
 */
public final class WindowContexts {
    private WindowContexts() {
    }

    public static WindowContext of(Context context) {
        return (WindowContext) Proxy.newProxyInstance(WindowContext.class.getClassLoader(),
                new Class<?>[] {WindowContext.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args, context);
                    }
                    try {
                        return Context.class.getMethod(method.getName(), method.getParameterTypes()).invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Context context) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "WindowContext[" + context + "]";
        };
    }
}
