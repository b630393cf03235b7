package dev.magnetar.runtime.loading;

import dev.magnetar.api.function.FunctionKind;
import dev.magnetar.runtime.config.ConfigurationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads a function class from its jar. The class loader is parent-first: the Pulsar Functions
 * API, the client and Jackson come from the runtime (a function jar declares them "provided"),
 * so the types the runtime passes in are the types the function was compiled against.
 */
public final class FunctionJar {
    private FunctionJar() {
    }

    public static LoadedFunction load(Path jar, String className) {
        return load(jar, className, false);
    }

    /**
     * As {@link #load(Path, String)}; {@code windowed}: the definition has {@code spec.window}, so the class must be a
     * window function (a WindowFunction, or a java.util.function.Function of a Collection).
     */
    public static LoadedFunction load(Path jar, String className, boolean windowed) {
        URLClassLoader loader = new URLClassLoader("function:" + jar.getFileName(), new URL[] {url(jar)},
                FunctionJar.class.getClassLoader());
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException("spec.runtime.className: cannot load '" + className + "' from " + jar
                    + " (" + e + "): check the class name and that the jar contains it", e);
        }
        FunctionKind.problem(type, windowed).ifPresent(problem -> {
            throw new ConfigurationException("spec.runtime.className: " + problem);
        });
        FunctionKind kind = FunctionKind.of(type).orElseThrow();
        UserCode userCode = new UserCode(loader);
        return new LoadedFunction(instantiate(type, userCode), kind, LoadedFunction.inputTypeOf(type, kind, windowed),
                userCode, windowed);
    }

    private static Object instantiate(Class<?> type, UserCode userCode) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return userCode.call(constructor::newInstance);
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException("spec.runtime.className: " + type.getName()
                    + " has no constructor without arguments: add one (the runtime creates the instance)", e);
        } catch (InvocationTargetException e) {
            throw new ConfigurationException("spec.runtime.className: the constructor of " + type.getName()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (Exception | LinkageError e) {
            throw new ConfigurationException("spec.runtime.className: cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new ConfigurationException("spec.runtime.jar: '" + jar + "' is not a usable path", e);
        }
    }
}
