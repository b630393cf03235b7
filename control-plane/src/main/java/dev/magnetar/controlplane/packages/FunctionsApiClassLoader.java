package dev.magnetar.controlplane.packages;

import java.util.List;

/**
 * The parent of a jar loaded for a check: the JDK, plus the Pulsar Functions API and the APIs its
 * types are written in (the Pulsar client API, SLF4J), taken from the control plane, which ships them.
 * Nothing else of the control plane's class path is visible: a class that needs more than its jar and
 * this API is refused, rather than found among the control plane's own libraries (Micronaut, Netty, ...).
 */
final class FunctionsApiClassLoader extends ClassLoader {
    /** What a function is compiled against and the runtime provides; a package prefix each. */
    private static final List<String> VISIBLE = List.of(
            "org.apache.pulsar.functions.api.", "org.apache.pulsar.client.api.", "org.slf4j.");

    static {
        registerAsParallelCapable(); // before the one instance is made, or it does not count
    }

    static final FunctionsApiClassLoader INSTANCE = new FunctionsApiClassLoader();

    private final ClassLoader source = FunctionsApiClassLoader.class.getClassLoader();

    private FunctionsApiClassLoader() {
        super("pulsar-functions-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (VISIBLE.stream().noneMatch(name::startsWith)) {
            throw new ClassNotFoundException(name + " is not part of the Pulsar Functions API");
        }
        return source.loadClass(name);
    }
}
