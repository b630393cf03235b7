package dev.magnetar.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dynamic AppCDS archive of the runtime, shared by the replicas of this control plane. The first replica
 * started after the runtime or the JDK changed writes it when it exits ({@code -XX:ArchiveClassesAtExit});
 * every replica started after that maps it ({@code -XX:SharedArchiveFile}) instead of parsing and verifying
 * the runtime's classes again, which shortens process start to first message (docs/benchmarks.md, cold start).
 *
 * <p>One replica at a time writes, into a file of its own that is moved into place only after its process
 * ended, so no replica ever maps a half-written archive. The archive's name carries a fingerprint of the JDK,
 * the launcher and every jar of the runtime's class path: after an upgrade no replica maps a stale archive
 * (the JVM would refuse it with a warning and start slowly).
 */
public final class ClassDataArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final String PREFIX = "runtime-";
    private static final String SUFFIX = ".jsa";
    private static final String TRAINING_SUFFIX = ".training";
    private static final String WRITE_OPTION = "-XX:ArchiveClassesAtExit=";
    /** The JVM explains at exit, one line per class, each class it could not archive: noise in a replica's log. */
    private static final String QUIET_OPTION = "-Xlog:cds=off,cds+dynamic=off";
    private static final ClassDataArchive OFF = new ClassDataArchive(null, null);

    private final Path dir;
    private final Path archive;
    private Path writing;
    private Process writer;
    private int attempts;

    private ClassDataArchive(Path dir, Path archive) {
        this.dir = dir;
        this.archive = archive;
    }

    /** No archive: replicas start with the JVM's defaults. */
    public static ClassDataArchive off() {
        return OFF;
    }

    /**
     * The archive for replicas started by {@code launcher} from {@code runtimeJar}, kept in {@code dir}; archives
     * of other runtimes or JDKs found there are deleted, as are files left by a writer that never finished.
     */
    public static ClassDataArchive in(Path dir, List<String> launcher, Path runtimeJar) {
        Path archive = dir.resolve(PREFIX + fingerprint(launcher, runtimeJar) + SUFFIX);
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*")) {
                for (Path file : old) {
                    if (!file.equals(archive)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("class data archive disabled: cannot use {} ({}); replicas start without it", dir, e.getMessage());
            return OFF;
        }
        return new ClassDataArchive(dir, archive);
    }

    /** The JVM options of the next replica: map the archive, or write it, or (while another writes) nothing. */
    public synchronized List<String> jvmOptions() {
        if (dir == null) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (writing != null) {
            return List.of();
        }
        attempts++;
        writing = dir.resolve(archive.getFileName() + "." + attempts + TRAINING_SUFFIX);
        return List.of(WRITE_OPTION + writing, QUIET_OPTION);
    }

    /**
     * The replica started with {@code options} runs as {@code process}, or could not be started (null). When
     * it is the writer, its archive is moved into place once it ended.
     */
    public synchronized void started(List<String> options, Process process) {
        if (writing == null || !options.contains(WRITE_OPTION + writing)) {
            return;
        }
        if (process == null) {
            writing = null;
            return;
        }
        writer = process;
        process.onExit().thenRun(this::settle);
    }

    /**
     * If the writer has ended, moves its archive into place (or, when it wrote none, say after a kill, lets the
     * next replica write instead). Runs when the writer exits; a control plane that stops calls it after its
     * replicas stopped, so the archive of a replica stopped with it is kept. Safe to call at any time.
     */
    public synchronized void settle() {
        if (writer == null || writer.isAlive()) {
            return;
        }
        Path written = writing;
        writer = null;
        writing = null;
        try {
            if (Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("class data archive written to {}: replicas started from now on start faster", archive);
            } else {
                LOG.info("the replica writing the class data archive ended before writing it; the next one will");
            }
        } catch (IOException e) {
            LOG.warn("cannot move the class data archive {} to {}: {}; the next replica will write it again",
                    written, archive, e.getMessage());
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // Deleted with the other leftovers when the control plane starts next.
            }
        }
    }

    /** Where replicas find the archive once it is written. */
    Path archive() {
        return archive;
    }

    /**
     * Hex digest of the JDK, the launcher's arguments and the size and modification time of the runtime jar and
     * every jar its manifest's Class-Path names: the JVM refuses an archive when any of these changed.
     */
    static String fingerprint(List<String> launcher, Path runtimeJar) {
        StringBuilder text = new StringBuilder();
        text.append(System.getProperty("java.home")).append('\n').append(Runtime.version()).append('\n');
        launcher.forEach(argument -> text.append(argument).append('\n'));
        for (Path jar : classPath(runtimeJar)) {
            text.append(jar).append(' ').append(stamp(jar)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<Path> classPath(Path runtimeJar) {
        List<Path> jars = new ArrayList<>();
        jars.add(runtimeJar);
        try (JarFile jar = new JarFile(runtimeJar.toFile())) {
            Manifest manifest = jar.getManifest();
            String entries = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (entries != null) {
                for (String entry : entries.trim().split("\\s+")) {
                    jars.add(runtimeJar.toAbsolutePath().getParent().resolve(entry));
                }
            }
        } catch (IOException e) {
            // Not a jar we can read: its own stamp still changes the fingerprint when it changes.
        }
        return jars;
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
