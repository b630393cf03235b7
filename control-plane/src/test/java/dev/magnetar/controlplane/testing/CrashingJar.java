package dev.magnetar.controlplane.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** {@link CrashingFunction} packed into a real jar, for replicas that load it as a function jar. */
public final class CrashingJar {
    private CrashingJar() {
    }

    public static Path write(Path dir) {
        String entry = CrashingFunction.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("crashing-function.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry(entry));
            zip.write(Files.readAllBytes(classes().resolve(entry)));
            zip.closeEntry();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    private static Path classes() {
        try {
            return Path.of(CrashingFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
