package dev.magnetar.runtime.loading;

import java.util.concurrent.Callable;

/**
 * The one place that calls into a function's code: every call runs with the function's class
 * loader as the thread's context class loader (libraries inside the jar find their resources
 * through it), and the previous one is put back afterwards.
 */
public final class UserCode {
    private final ClassLoader loader;

    public UserCode(ClassLoader loader) {
        this.loader = loader;
    }

    public <T> T call(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public ClassLoader loader() {
        return loader;
    }
}
