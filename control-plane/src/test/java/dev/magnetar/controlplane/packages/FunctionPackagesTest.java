package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.controlplane.store.FunctionRef;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class FunctionPackagesTest {
    private static final FunctionRef REF = new FunctionRef("acme", "ops", "fn");

    @TempDir
    Path packagesDir;
    @TempDir
    Path allowed;
    @TempDir
    Path elsewhere;

    FunctionPackages packages() {
        return new FunctionPackages(packagesDir, List.of(allowed), Duration.ofSeconds(5));
    }

    @Test
    void anUploadIsStoredUnderItsSha256() throws Exception {
        Path stored = packages().store(REF, new ByteArrayInputStream("abc".getBytes()));

        assertThat(stored).isEqualTo(packagesDir.resolve(
                "acme/ops/fn/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.jar"));
        assertThat(Files.readString(stored)).isEqualTo("abc");
        assertThat(packages().store(REF, new ByteArrayInputStream("abc".getBytes()))).isEqualTo(stored);
        try (var files = Files.list(stored.getParent())) {
            assertThat(files).containsExactly(stored);
        }
    }

    @Test
    void pruneKeepsOnlyTheCurrentJarAndRemoveAllTakesTheDirectory() {
        Path first = packages().store(REF, new ByteArrayInputStream("one".getBytes()));
        Path second = packages().store(REF, new ByteArrayInputStream("two".getBytes()));
        Path other = packages().store(new FunctionRef("acme", "ops", "other"), new ByteArrayInputStream("one".getBytes()));

        packages().prune(REF, second);
        assertThat(first).doesNotExist();
        assertThat(second).exists();

        packages().removeAll(REF);
        assertThat(second.getParent()).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void anEmptyUploadIsRefused() {
        assertThatThrownBy(() -> packages().store(REF, new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(PackageException.class).hasMessageContaining("is empty");
    }

    @Test
    void aFileUrlIsCopiedOnlyFromAnAllowedDirectory() throws Exception {
        Path inside = Files.writeString(allowed.resolve("fn.jar"), "jar bytes");
        Path outside = Files.writeString(elsewhere.resolve("fn.jar"), "jar bytes");

        Path stored = packages().fetch(REF, inside.toUri().toString());

        assertThat(stored).startsWith(packagesDir);
        assertThat(Files.readString(stored)).isEqualTo("jar bytes");
        assertThatThrownBy(() -> packages().fetch(REF, outside.toUri().toString()))
                .isInstanceOf(PackageException.class)
                .hasMessageContaining(outside.toUri().toString()).hasMessageContaining("magnetar.admin.allowed-jar-dirs");
        String escape = allowed.toUri() + "../" + elsewhere.getFileName() + "/fn.jar";
        assertThatThrownBy(() -> packages().fetch(REF, escape)).isInstanceOf(PackageException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> new FunctionPackages(packagesDir, List.of(), Duration.ofSeconds(5))
                .fetch(REF, inside.toUri().toString())).hasMessageContaining("none are allowed");
    }

    @Test
    void anHttpUrlIsDownloadedAndAnErrorStatusIsRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fn.jar", exchange -> {
            byte[] body = "remote jar".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            Path stored = packages().fetch(REF, base + "/fn.jar");

            assertThat(Files.readString(stored)).isEqualTo("remote jar");
            assertThatThrownBy(() -> packages().fetch(REF, base + "/missing.jar")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("answered HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void otherSchemesAndMissingFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> packages().fetch(REF, "ftp://host/fn.jar")).isInstanceOf(PackageException.class)
                .hasMessageContaining("scheme 'ftp'");
        assertThatThrownBy(() -> packages().fetch(REF, allowed.resolve("missing.jar").toUri().toString()))
                .isInstanceOf(PackageException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> packages().fetch(REF, "http://127.0.0.1:1/fn.jar")).isInstanceOf(PackageException.class)
                .hasMessageContaining("cannot be downloaded");
    }
}
