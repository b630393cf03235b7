package dev.magnetar.controlplane.state;

import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackends;
import dev.magnetar.api.state.StateException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens the state backend from its own jars in a class loader of their own. BookKeeper's client brings about 80 jars
 * (grpc, protobuf, guava, unshaded Netty 4.1) that must not meet the control plane's Micronaut class path (Netty 4.2,
 * its own Jackson and Guava): the loader sees only the JDK, the state interface ({@code dev.magnetar.api.state}) and
 * SLF4J (so its logs land in the control plane's log) from the control plane, everything else from the backend's jars.
 * A helper process would have isolated it too, at the price of a second JVM and a protocol for five verbs.
 */
final class IsolatedStateBackend {
    private static final List<String> SHARED_PACKAGES = List.of("dev.magnetar.api.state.", "org.slf4j.");

    private IsolatedStateBackend() {
    }

    /** The backend for {@code serviceUrl} from {@code jar} and the jars in {@code lib/} beside it. */
    static StateBackend open(String serviceUrl, Path jar) {
        ClassLoader loader = new URLClassLoader("magnetar-state", urls(jar),
                new SharedOnly(IsolatedStateBackend.class.getClassLoader()));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return StateBackends.create(serviceUrl, loader);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL[] urls(Path jar) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.toUri().toURL());
            Path lib = jar.resolveSibling("lib");
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path dependency : jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(dependency.toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new StateException("cannot load the state backend from " + jar + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("cannot list the state backend's libraries in " + jar.resolveSibling("lib") + ": "
                    + e.getMessage() + "; build it with 'mvn -DskipTests -pl state-bookkeeper -am package'", e);
        }
        return urls.toArray(URL[]::new);
    }

    /** The JDK, plus the few packages both sides must share; nothing else of the control plane's class path. */
    private static final class SharedOnly extends ClassLoader {
        private final ClassLoader application;

        SharedOnly(ClassLoader application) {
            super("magnetar-state-shared", ClassLoader.getPlatformClassLoader());
            this.application = application;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String shared : SHARED_PACKAGES) {
                if (name.startsWith(shared)) {
                    return application.loadClass(name);
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
