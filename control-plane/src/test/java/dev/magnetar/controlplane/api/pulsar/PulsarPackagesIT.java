package dev.magnetar.controlplane.api.pulsar;

import static dev.magnetar.controlplane.api.pulsar.PulsarAdminCompatibilityIT.catchAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulsar's package routes and package URLs through Pulsar's own admin client, against the control plane and the
 * embedded broker: {@code functions upload} and {@code download} by path, {@code download} of a function's jar and
 * {@code http://} URLs from an allowed host ({@code function://} packages: {@link PulsarClusterPackagesIT}). The
 * functions run no replica (parallelism 0): only their packages matter here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PulsarPackagesIT {
    private static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    HttpServer jars;
    Path sampleJar;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        sampleJar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        byte[] jar = Files.readAllBytes(sampleJar);
        jars = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jars.createContext("/exclamation.jar", exchange -> {
            exchange.sendResponseHeaders(200, jar.length);
            exchange.getResponseBody().write(jar);
            exchange.close();
        });
        jars.start();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Map.of("magnetar.admin.allowed-package-hosts", "127.0.0.1"));
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (plane != null) {
            plane.close();
        }
        if (jars != null) {
            jars.stop(0);
        }
    }

    private FunctionConfig config(String name) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(name);
        config.setClassName(CLASS_NAME);
        config.setInputs(List.of(pulsar.uniqueTopic(name + "-in")));
        config.setParallelism(0);
        return config;
    }

    @Test
    void aFileUploadedByPathDownloadsTheSame() throws Exception {
        admin.functions().uploadFunction(sampleJar.toString(), "public/default/shared/exclamation-1.jar");
        Path back = work.resolve("by-path.jar");
        admin.functions().downloadFunction(back.toString(), "public/default/shared/exclamation-1.jar");
        assertThat(back).hasSameBinaryContentAs(sampleJar);

        PulsarAdminException outside = catchAdmin(() -> admin.functions().uploadFunction(sampleJar.toString(),
                "public/../../escape.jar"));
        assertThat(outside.getStatusCode()).isEqualTo(400);
        assertThat(outside.getMessage()).contains("path: 'public/../../escape.jar' is not a relative path");
        assertThat(dataDir.resolveSibling("escape.jar")).doesNotExist();

        PulsarAdminException missing = catchAdmin(() -> admin.functions().downloadFunction(
                work.resolve("none.jar").toString(), "public/default/shared/none.jar"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }

    @Test
    void aFunctionsJarDownloadsAsItWasUploaded() throws Exception {
        admin.functions().createFunction(config("pkg-download"), sampleJar.toString());
        Path back = work.resolve("function.jar");
        admin.functions().downloadFunction(back.toString(), "public", "default", "pkg-download");
        assertThat(back).hasSameBinaryContentAs(sampleJar);

        PulsarAdminException missing = catchAdmin(() -> admin.functions().downloadFunction(
                work.resolve("none.jar").toString(), "public", "default", "no-such-function"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        admin.functions().deleteFunction("public", "default", "pkg-download");
    }

    @Test
    void anHttpUrlIsFetchedFromAnAllowedHostOnly() throws Exception {
        String url = "http://127.0.0.1:" + jars.getAddress().getPort() + "/exclamation.jar";
        admin.functions().createFunctionWithUrl(config("pkg-http"), url);
        Path back = work.resolve("http.jar");
        admin.functions().downloadFunction(back.toString(), "public", "default", "pkg-http");
        assertThat(back).hasSameBinaryContentAs(sampleJar);
        admin.functions().deleteFunction("public", "default", "pkg-http");

        PulsarAdminException refused = catchAdmin(() -> admin.functions().createFunctionWithUrl(config("pkg-host"),
                "http://localhost:" + jars.getAddress().getPort() + "/exclamation.jar"));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("host 'localhost' is not one this server fetches packages from");
    }
}
