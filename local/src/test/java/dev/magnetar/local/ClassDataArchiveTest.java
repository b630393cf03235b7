package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's life with real JVMs: written by the first one to exit, mapped by the next, never half-written. */
class ClassDataArchiveTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    /** The stand-in runtime: prints a line, then waits for stdin to close when asked to keep running. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            System.out.println("probe " + new java.util.concurrent.ConcurrentSkipListMap<String, String>().size());
            if (args.length > 0) {
                System.in.read();
            }
        }
    }

    @TempDir
    Path dir;
    Path jar;
    Path dependency;
    List<String> launcher;

    @BeforeEach
    void probeJar() throws Exception {
        dependency = dir.resolve("dep.jar");
        try (JarOutputStream empty = new JarOutputStream(Files.newOutputStream(dependency))) {
            empty.putNextEntry(new JarEntry("empty.txt"));
        }
        jar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "dep.jar");
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = Probe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        launcher = List.of(JAVA, "-Xmx32m", "-cp", jar.toString(), Probe.class.getName());
    }

    @Test
    void theFirstReplicaWritesWhenItExitsAndLaterOnesMapTheArchive() throws Exception {
        ClassDataArchive archive = ClassDataArchive.in(dir.resolve("cds"), launcher, jar);
        List<String> writer = archive.jvmOptions();
        assertThat(writer).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
        Process first = start(writer, true);
        archive.started(writer, first);
        assertThat(archive.jvmOptions()).as("only one replica writes at a time").isEmpty();

        first.getOutputStream().close();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        archive.settle();

        assertThat(archive.archive()).isRegularFile();
        assertThat(Files.list(dir.resolve("cds"))).containsExactly(archive.archive());
        List<String> mapper = archive.jvmOptions();
        assertThat(mapper).containsExactly("-XX:SharedArchiveFile=" + archive.archive());
        // -Xshare:on turns "cannot map the archive" from a warning into a failure: the JVM really uses it.
        List<String> strict = new ArrayList<>(mapper);
        strict.add("-Xshare:on");
        Process second = start(strict, false);
        String output = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("probe 0\n");
    }

    @Test
    void aWriterKilledBeforeItWroteLeavesTheJobToTheNextReplica() throws Exception {
        ClassDataArchive archive = ClassDataArchive.in(dir.resolve("cds"), launcher, jar);
        List<String> writer = archive.jvmOptions();
        Process killed = start(writer, true);
        archive.started(writer, killed);
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        archive.settle();

        assertThat(archive.archive()).doesNotExist();
        assertThat(archive.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aReplicaThatCouldNotStartGivesUpTheWriting() {
        ClassDataArchive archive = ClassDataArchive.in(dir.resolve("cds"), launcher, jar);
        archive.started(archive.jvmOptions(), null);
        assertThat(archive.jvmOptions()).anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void leftoversOfOtherRuntimesAndUnfinishedWritersAreDeleted() throws Exception {
        Path cds = Files.createDirectories(dir.resolve("cds"));
        Path older = Files.writeString(cds.resolve("runtime-0123456789abcdef.jsa"), "an archive of another jar");
        ClassDataArchive current = ClassDataArchive.in(cds, launcher, jar);
        Path kept = Files.writeString(current.archive(), "the current archive");
        Path unfinished = Files.writeString(cds.resolve(current.archive().getFileName() + ".1.training"), "half");

        ClassDataArchive.in(cds, launcher, jar);

        assertThat(older).doesNotExist();
        assertThat(unfinished).doesNotExist();
        assertThat(kept).isRegularFile();
    }

    @Test
    void theFingerprintChangesWithTheJdkOptionsAndEveryJarOfTheClassPath() throws Exception {
        String before = ClassDataArchive.fingerprint(launcher, jar);
        assertThat(ClassDataArchive.fingerprint(launcher, jar)).isEqualTo(before);

        List<String> otherOptions = new ArrayList<>(launcher);
        otherOptions.set(1, "-Xmx64m");
        assertThat(ClassDataArchive.fingerprint(otherOptions, jar)).isNotEqualTo(before);

        Files.setLastModifiedTime(dependency, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(ClassDataArchive.fingerprint(launcher, jar)).as("a jar named by Class-Path changed").isNotEqualTo(before);
    }

    @Test
    void offAddsNothing() {
        ClassDataArchive off = ClassDataArchive.off();
        assertThat(off.jvmOptions()).isEmpty();
        off.started(List.of(), null);
        off.settle();
        assertThat(off.jvmOptions()).isEmpty();
    }

    private Process start(List<String> options, boolean keepRunning) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(1, options);
        if (keepRunning) {
            command.add("wait");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return process;
    }
}
