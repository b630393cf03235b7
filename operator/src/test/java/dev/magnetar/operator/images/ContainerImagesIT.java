package dev.magnetar.operator.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.JWSAlgorithm;
import dev.magnetar.security.keys.SigningKeys;
import dev.magnetar.security.token.TokenIssuer;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container images, checked without Docker (this machine has none): every image the chart
 * names has a Dockerfile that runs as the chart's non-root user; everything it copies is built by
 * Maven; its entry jar's class path is complete; and the controller's and the gateway's entry points,
 * run here with the image's own environment, listen beyond loopback, start with authentication on as the
 * chart sets it and serve what their part should, and refuse to start with neither authentication nor
 * the explicit insecure setting.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ContainerImagesIT {
    private static final Path HOME = Path.of(System.getProperty("magnetar.home", "..")).toAbsolutePath().normalize();
    private static final Path DOCKER = HOME.resolve("docker");
    private final byte[] secretKey = SigningKeys.newSecretKey(JWSAlgorithm.HS256);
    private final String adminToken = TokenIssuer.withSecretKey(secretKey, JWSAlgorithm.HS256)
            .create("admin", Duration.ofMinutes(10));

    KubernetesClient kubernetes;

    @Test
    void everyImageTheChartNamesHasADockerfileThatRunsAsTheChartsUser() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(HOME.resolve("charts/magnetar/values.yaml").toFile());
        String user = values.at("/podSecurity/runAsUser").asText() + ":" + values.at("/podSecurity/runAsGroup").asText();
        List<String> repositories = List.of(values.at("/controller/image/repository").asText(),
                values.at("/gateway/image/repository").asText(), values.at("/controller/runtimeImage/repository").asText());

        for (String repository : repositories) {
            Path file = DOCKER.resolve(repository.substring(repository.lastIndexOf('/') + 1) + ".Dockerfile");
            assertThat(file).as("the Dockerfile of %s", repository).exists();
            Dockerfile dockerfile = Dockerfile.read(file);
            assertThat(dockerfile.user()).as(file.toString()).isEqualTo(user);
            assertThat(dockerfile.from()).as(file.toString()).startsWith("eclipse-temurin:17");
            assertThat(dockerfile.env().get("JAVA_TOOL_OPTIONS")).as(file.toString()).contains("-Djava.io.tmpdir=/tmp");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"controller", "gateway"})
    void theServerImagesListenBeyondLoopbackAndLeaveAuthenticationToTheDeployment(String image) {
        Map<String, String> env = Dockerfile.read(DOCKER.resolve(image + ".Dockerfile")).env();

        assertThat(env).containsEntry("MICRONAUT_SERVER_HOST", "0.0.0.0")
                .doesNotContainKeys("MAGNETAR_AUTH_INSECURE_NO_AUTH", "MAGNETAR_AUTH_ENABLED");
    }

    @Test
    void withoutAuthenticationTheControllerImageRefusesToStartSayingWhatToDo() throws Exception {
        try (Started controller = start("controller", Map.of())) {
            assertThat(controller.process.waitFor(90, TimeUnit.SECONDS)).as("the entry point ends").isTrue();
            assertThat(controller.process.exitValue()).isNotZero();
        }
        assertThat(log("controller")).contains("refusing to listen on 0.0.0.0 without authentication")
                .contains("insecure-no-auth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime-java", "controller", "gateway"})
    void everyCopiedFileIsBuiltAndTheEntryJarsClassPathIsComplete(String image) throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(image + ".Dockerfile"));

        assertThat(dockerfile.copies().keySet()).isNotEmpty()
                .allSatisfy(source -> assertThat(HOME.resolve(source)).as("built by mvn package").exists());
        Path jar = dockerfile.hostPath(HOME, jarOf(dockerfile));
        try (JarFile entry = new JarFile(jar.toFile())) {
            Manifest manifest = entry.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).as(jar.toString()).isNotBlank();
            String[] classPath = manifest.getMainAttributes().getValue("Class-Path").split(" ");
            assertThat(classPath).as(jar.toString()).isNotEmpty()
                    .allSatisfy(element -> assertThat(jar.resolveSibling(element)).exists());
        }
    }

    @Test
    void theControllerImagesEntryPointServesTheAdminApiAndNoGateway() throws Exception {
        try (Started controller = start("controller", authenticated())) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                    assertThat(get(controller.port, "/health/readiness", null).statusCode()).isEqualTo(200));
            assertThat(get(controller.port, "/admin/v3/functions/public/default", null).statusCode()).isEqualTo(401);
            assertThat(get(controller.port, "/admin/v3/functions/public/default", adminToken).statusCode()).isEqualTo(200);
            assertThat(post(controller.port, "/function/public/default/any", adminToken).body()).contains("Page Not Found");
        }
        assertThat(log("controller")).as("INFO, not DEBUG, to stdout").contains(" INFO ").doesNotContain(" DEBUG ")
                .contains("Magnetar control plane listening on");
    }

    @Test
    void theGatewayImagesEntryPointServesTheGatewayAndNoAdminApi() throws Exception {
        try (Started gateway = start("gateway", authenticated())) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                    assertThat(get(gateway.port, "/health/readiness", null).statusCode()).isEqualTo(200));
            assertThat(get(gateway.port, "/admin/v3/functions/public/default", adminToken).statusCode()).isEqualTo(404);
            HttpResponse<String> unknown = post(gateway.port, "/function/public/default/any", adminToken);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("public/default/any").doesNotContain("Page Not Found");
        }
        assertThat(log("gateway")).contains("Magnetar gateway listening on").doesNotContain(" DEBUG ");
    }

    /** The authentication settings the chart gives both pods, with the key in a file as the chart mounts it. */
    private Map<String, String> authenticated() throws IOException {
        Path key = Files.createTempDirectory("magnetar-token-key").resolve("secret.key");
        Files.write(key, secretKey);
        return Map.of("MAGNETAR_AUTH_ENABLED", "true", "MAGNETAR_AUTH_SUPERUSER_ROLES", "admin",
                "MAGNETAR_AUTH_TOKEN_SECRET_KEY", key.toUri().toString());
    }

    /** The image's ENTRYPOINT and ENV, run here: paths inside the image mapped back to the build tree. */
    private Started start(String image, Map<String, String> deployment) throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(image + ".Dockerfile"));
        List<String> command = new ArrayList<>();
        for (String word : dockerfile.entrypoint()) {
            command.add(word.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : word.startsWith("/") ? dockerfile.hostPath(HOME, word).toString() : word);
        }
        int port = freePort();
        Path data = Files.createTempDirectory("magnetar-image-" + image);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile(image).toFile());
        Map<String, String> env = builder.environment();
        env.putAll(dockerfile.env());
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        env.put("JAVA_TOOL_OPTIONS", dockerfile.env().get("JAVA_TOOL_OPTIONS").replace("/tmp", data.toString()) + " -Xmx256m");
        env.put("MAGNETAR_DATA_DIR", data.resolve("magnetar").toString());
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("MAGNETAR_PULSAR_SERVICE_URL", pulsar.serviceUrl());
        env.put("MAGNETAR_PULSAR_ADMIN_URL", pulsar.adminUrl());
        env.put("MAGNETAR_KUBERNETES_MASTER_URL", kubernetes.getConfiguration().getMasterUrl());
        env.put("MAGNETAR_KUBERNETES_LEADER_ENABLED", "false");
        env.put("MAGNETAR_CREATE_NAMESPACES", "false");
        env.put("KUBECONFIG", data.resolve("no-kubeconfig").toString());
        env.putAll(deployment);
        return new Started(builder.start(), port);
    }

    private static Path logFile(String image) {
        return HOME.resolve("operator/target/" + image + "-image-entrypoint.log");
    }

    private static String log(String image) throws IOException {
        return Files.readString(logFile(image));
    }

    private static String jarOf(Dockerfile dockerfile) {
        List<String> entrypoint = dockerfile.entrypoint();
        return entrypoint.get(entrypoint.indexOf("-jar") + 1);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Started(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
