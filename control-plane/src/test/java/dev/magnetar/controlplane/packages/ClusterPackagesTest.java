package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.bridge.pulsar.PulsarConfig;
import dev.magnetar.controlplane.config.AdminConfig;
import dev.magnetar.controlplane.security.AuthConfig;
import dev.magnetar.controlplane.store.FunctionRef;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a cluster's refusal to hand out a {@code function://} package is told to the user, from a broker's answers. */
class ClusterPackagesTest {
    private static final FunctionRef REF = new FunctionRef("public", "default", "fn");
    private static final String URL = "function://public/default/fn@v1";

    @TempDir
    Path packagesDir;
    HttpServer broker;
    PulsarAdmin admin;

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.stop(0);
        }
    }

    /** A broker that answers every packages call with {@code status} and Pulsar's {@code {"reason": ...}}. */
    private ClusterPackages answering(int status, String reason) throws Exception {
        broker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broker.createContext("/admin/v3/packages", exchange -> {
            byte[] body = ("{\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        broker.start();
        String adminUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
        admin = PulsarAdmin.builder().serviceHttpUrl(adminUrl).build();
        AuthConfig noAuth = new AuthConfig(false, null, null, null, "RS256", "sub", "aud", null, Duration.ZERO,
                Duration.ofSeconds(10), false, null);
        CallerAdmin caller = new CallerAdmin(admin, new PulsarConfig("pulsar://127.0.0.1:6650", adminUrl, null),
                noAuth);
        return new ClusterPackages(caller, new FunctionPackages(packagesDir,
                new AdminConfig(List.of(), List.of(), 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(5))));
    }

    @Test
    void aBrokerWithoutPackagesManagementIsNamed() throws Exception {
        ClusterPackages packages = answering(503, "Package Management Service is not enabled in the broker.");

        assertThatThrownBy(() -> packages.fetch(REF, URL)).isInstanceOf(PackageException.class)
                .hasMessage("url '" + URL + "': the cluster does not keep packages (its brokers run without"
                        + " enablePackagesManagement=true): upload the jar instead, or give an http(s) URL");
    }

    @Test
    void aPackageTheClusterDoesNotHaveIsNamed() throws Exception {
        ClusterPackages packages = answering(404, "Package 'function://public/default/fn@v1' metadata doesn't exist");

        assertThatThrownBy(() -> packages.fetch(REF, URL)).isInstanceOf(PackageException.class)
                .hasMessageContaining("url '" + URL + "': the cluster has no such package: upload it first");
    }

    @Test
    void aRoleWithoutThePackagesGrantIsToldWhatToAskFor() throws Exception {
        ClusterPackages packages = answering(403, "Don't have permission to administrate resources on this tenant");

        assertThatThrownBy(() -> packages.fetch(REF, URL)).isInstanceOf(PackageException.class)
                .hasMessageContaining("the cluster does not let the caller's role read this package",
                        "--actions packages");
        assertThat(packagesDir).isEmptyDirectory();
    }
}
