package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.store.FunctionRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
        return packages(List.of(allowed), List.of("127.0.0.1"), 1024 * 1024);
    }

    FunctionPackages packages(List<Path> allowedDirs, List<String> allowedHosts, long maxSize) {
        return new FunctionPackages(packagesDir,
                new AdminConfig(allowedDirs, allowedHosts, maxSize, Duration.ofSeconds(5), Duration.ofSeconds(5)));
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
    void aPackageOverTheLimitIsRefusedNamingTheLimitAndTheSettingAndNothingIsKept() throws Exception {
        assertThatThrownBy(() -> packages(List.of(), List.of(), 1024).store(REF, new ByteArrayInputStream(new byte[1025])))
                .isInstanceOf(PackageTooLargeException.class)
                .hasMessageContaining("larger than 1 KB").hasMessageContaining("magnetar.admin.max-package-size");
        try (var files = Files.list(packagesDir.resolve("acme/ops/fn"))) {
            assertThat(files).as("neither the jar nor its temporary file").isEmpty();
        }
        assertThat(packages(List.of(), List.of(), 1024).store(REF, new ByteArrayInputStream(new byte[1024])))
                .as("the limit itself is taken").exists();
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
        assertThatThrownBy(() -> packages(List.of(), List.of(), 1024).fetch(REF, inside.toUri().toString()))
                .hasMessageContaining("none are allowed");
    }

    @Test
    void anHttpUrlIsDownloadedFromAnAllowedHostAndAFailureSaysNothingOfTheAnswer() throws Exception {
        HttpServer server = server(exchange -> {
            byte[] body = "remote jar".getBytes();
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/fn.jar") ? 200 : 418, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            Path stored = packages().fetch(REF, base + "/fn.jar");

            assertThat(Files.readString(stored)).isEqualTo("remote jar");
            assertThatThrownBy(() -> packages().fetch(REF, base + "/missing.jar")).isInstanceOf(PackageException.class)
                    .hasMessage("could not fetch " + base + "/missing.jar: check the URL, or upload the jar instead");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aHostThatIsNotAllowedIsRefusedNamingItAndTheSetting() {
        assertThatThrownBy(() -> packages().fetch(REF, "http://metadata.internal/fn.jar"))
                .isInstanceOf(PackageException.class)
                .hasMessageContaining("host 'metadata.internal'").hasMessageContaining("magnetar.admin.allowed-package-hosts");
        assertThatThrownBy(() -> packages(List.of(), List.of(), 1024).fetch(REF, "https://repo.example/fn.jar"))
                .hasMessageContaining("none are allowed");
    }

    @Test
    void aRedirectIsFollowedOnlyToAnAllowedHost() throws Exception {
        AtomicInteger elsewhereAsked = new AtomicInteger();
        HttpServer other = server(exchange -> {
            elsewhereAsked.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        int otherPort = other.getAddress().getPort();
        HttpServer server = server(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/fn.jar")) {
                byte[] body = "moved jar".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.getResponseHeaders().add("Location", path.equals("/here")
                        ? "/fn.jar" : "http://localhost:" + otherPort + "/fn.jar");
                exchange.sendResponseHeaders(302, -1);
            }
            exchange.close();
        });
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            assertThat(Files.readString(packages().fetch(REF, base + "/here"))).isEqualTo("moved jar");
            assertThatThrownBy(() -> packages().fetch(REF, base + "/away")).isInstanceOf(PackageException.class)
                    .hasMessageStartingWith("could not fetch " + base + "/away");
            assertThat(elsewhereAsked).as("the host outside the list is never asked").hasValue(0);
        } finally {
            server.stop(0);
            other.stop(0);
        }
    }

    private static HttpServer server(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    @Test
    void otherSchemesAndMissingFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> packages().fetch(REF, "ftp://host/fn.jar")).isInstanceOf(PackageException.class)
                .hasMessageContaining("scheme 'ftp'");
        assertThatThrownBy(() -> packages().fetch(REF, allowed.resolve("missing.jar").toUri().toString()))
                .isInstanceOf(PackageException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> packages().fetch(REF, "http://127.0.0.1:1/fn.jar")).isInstanceOf(PackageException.class)
                .hasMessageContaining("could not fetch http://127.0.0.1:1/fn.jar");
    }
}
