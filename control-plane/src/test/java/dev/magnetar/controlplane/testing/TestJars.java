package dev.magnetar.controlplane.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Function jars compiled by the test itself: Java sources (fully qualified class name to source) against
 * the Pulsar Functions API and whatever else the test's class path offers, packed into a jar.
 */
public final class TestJars {
    private TestJars() {
    }

    /** Compiles {@code sources} into {@code dir/<jarName>}; {@code compileAgainst} adds what they use beyond the JDK. */
    public static Path jar(Path dir, String jarName, Map<String, String> sources, Class<?>... compileAgainst) {
        try {
            Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
            Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                    "-classpath", classPath(compileAgainst)));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test sources did not compile: " + sources.keySet());
            }
            return pack(classes, dir.resolve(jarName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String classPath(Class<?>... types) {
        Stream<Class<?>> functionsApi = Stream.of(org.apache.pulsar.functions.api.Function.class,
                org.apache.pulsar.client.api.Schema.class, org.slf4j.Logger.class);
        return Stream.concat(functionsApi, Stream.of(types))
                .map(TestJars::location).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
