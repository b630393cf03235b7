package dev.magnetar.controlplane.packages;

import dev.magnetar.api.function.FunctionKind;
import dev.magnetar.api.validation.Violation;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a jar holds the class a definition names, and whether that class is a function the runtime
 * can run ({@link FunctionKind}). The class is loaded as the runtime would load it, but in a class
 * loader of its own over the jar and the Pulsar Functions API only ({@link FunctionsApiClassLoader}),
 * never initialized (no static initializer runs), and the loader and the jar are closed afterwards.
 */
public final class ClassInJar {
    private static final Logger LOG = LoggerFactory.getLogger(ClassInJar.class);
    private static final String CLASS_NAME = "spec.runtime.className";
    private static final String JAR = "spec.runtime.jar";
    private static final int MAX_SUGGESTIONS = 3;

    private ClassInJar() {
    }

    /** What keeps {@code className} in {@code jar} from running, each naming its field; empty when nothing does. */
    public static List<Violation> check(Path jar, String className) {
        return check(jar, className, false);
    }

    /**
     * As {@link #check(Path, String)}, for a definition with ({@code windowed}) or without {@code spec.window}: a
     * WindowFunction is accepted with a window only, a Pulsar Function without one only.
     */
    public static List<Violation> check(Path jar, String className, boolean windowed) {
        List<String> sameSimpleName;
        try (JarFile file = new JarFile(jar.toFile())) {
            sameSimpleName = sameSimpleName(file, className);
        } catch (IOException e) {
            return List.of(new Violation(JAR, jar + " is not a jar (" + e.getMessage() + "): give the function's jar,"
                    + " as its build wrote it"));
        }
        URLClassLoader loader = new URLClassLoader("check:" + jar.getFileName(), new URL[] {url(jar)},
                FunctionsApiClassLoader.INSTANCE);
        try {
            Class<?> type = Class.forName(className, false, loader);
            return FunctionKind.problem(type, windowed).map(problem -> List.of(new Violation(CLASS_NAME, problem)))
                    .orElse(List.of());
        } catch (ClassNotFoundException e) {
            return List.of(new Violation(CLASS_NAME, notInJar(jar, className, sameSimpleName)));
        } catch (NoClassDefFoundError e) {
            String missing = e.getMessage() == null ? "a class" : e.getMessage().replace('/', '.');
            return List.of(new Violation(CLASS_NAME, "cannot load " + className + " from " + jar + ": it needs "
                    + missing + ", which is neither in the jar nor in the Pulsar Functions API: put it into the jar"
                    + " (shade the library that has it)"));
        } catch (LinkageError | SecurityException e) {
            return List.of(new Violation(CLASS_NAME, "cannot load " + className + " from " + jar + " (" + e + "):"
                    + " rebuild the jar for the Java version the runtime runs"));
        } finally {
            close(loader, jar);
        }
    }

    /**
     * What keeps {@code className}, named by {@code field} as a schema or serde class, from being used: it must be in
     * the jar (or the Pulsar Functions API) and implement Pulsar's {@code Schema} or {@code SerDe}, as Pulsar's function
     * instance requires. Empty when nothing does.
     */
    public static List<Violation> checkCodec(Path jar, String field, String className) {
        URLClassLoader loader = new URLClassLoader("check:" + jar.getFileName(), new URL[] {url(jar)},
                FunctionsApiClassLoader.INSTANCE);
        try {
            Class<?> type = Class.forName(className, false, loader);
            Class<?> serDe = Class.forName("org.apache.pulsar.functions.api.SerDe", false, loader);
            Class<?> schema = Class.forName("org.apache.pulsar.client.api.Schema", false, loader);
            if (!serDe.isAssignableFrom(type) && !schema.isAssignableFrom(type)) {
                return List.of(new Violation(field, className + " implements neither " + schema.getName() + " nor "
                        + serDe.getName() + ": name a class that does, or a schema type"));
            }
            return List.of();
        } catch (ClassNotFoundException e) {
            return List.of(new Violation(field, "'" + className + "' is not in the jar " + jar + ": check the fully"
                    + " qualified class name, and that the jar is the one built with it"));
        } catch (LinkageError | SecurityException e) {
            return List.of(new Violation(field, "cannot load " + className + " from " + jar + " (" + e + "): put what"
                    + " it needs into the jar, built for the Java version the runtime runs"));
        } finally {
            close(loader, jar);
        }
    }

    private static String notInJar(Path jar, String className, List<String> sameSimpleName) {
        String message = "'" + className + "' is not in the jar " + jar + ": ";
        return sameSimpleName.isEmpty()
                ? message + "check the fully qualified class name, and that the jar is the one built with it"
                : message + "did you mean " + String.join(" or ", sameSimpleName) + "?";
    }

    /** Classes of the jar whose simple name is {@code className}'s, in another package or spelled otherwise. */
    private static List<String> sameSimpleName(JarFile jar, String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) + ".class";
        return jar.stream().map(ZipEntry::getName)
                .filter(name -> name.toLowerCase(Locale.ROOT).equals(simple)
                        || name.toLowerCase(Locale.ROOT).endsWith("/" + simple))
                .filter(name -> !name.startsWith("META-INF/"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .filter(name -> !name.equals(className))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /** Releases the jar's file handle; a failure leaves it to the garbage collector and changes no answer. */
    private static void close(URLClassLoader loader, Path jar) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("could not close the class loader over {}: {}", jar, e.getMessage());
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("'" + jar + "' is not a usable path", e);
        }
    }
}
