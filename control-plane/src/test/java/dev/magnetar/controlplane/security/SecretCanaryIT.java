package dev.magnetar.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.CapturedOutput;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.controlplane.testing.TestJars;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No secret shows where a user or an operator looks. A canary secret and the function's own Pulsar token are planted
 * as standalone secret files, and the control plane runs with a Pulsar token of its own; one function lives its
 * whole life through the real control plane, a real replica and the embedded broker. Then no answer of the admin
 * APIs or the gateway, no log of the control plane and no file the replicas left holds any of the three. The function
 * shows it got its secret and its own token, and not the control plane's, by answering their digests only.
 */
class SecretCanaryIT {
    private static final String CANARY = "canary-" + UUID.randomUUID();
    private static final String FUNCTION_TOKEN = "function-token-" + UUID.randomUUID();
    private static final String PLATFORM_TOKEN = "platform-token-" + UUID.randomUUID();
    private static final String NAME = "canary";
    private static final String ADMIN = "/magnetar/v1/functions/public/default/" + NAME;
    private static final String PULSAR_V3 = "/admin/v3/functions/public/default/" + NAME;
    private static final String FAILURE = "refused on purpose";
    private static final String FUNCTION = """
            package canary;

            import java.nio.charset.StandardCharsets;
            import java.security.MessageDigest;
            import java.util.HexFormat;
            import org.apache.pulsar.functions.api.Context;
            import org.apache.pulsar.functions.api.Function;

            public class SecretDigests implements Function<String, String> {
                @Override
                public String process(String input, Context context) throws Exception {
                    context.getLogger().info("asked for {}", input);
                    if (input.equals("fail")) {
                        throw new IllegalStateException("%s");
                    }
                    return "secret " + digest(context.getSecret("CANARY"))
                            + " token " + digest(System.getenv("MAGNETAR_PULSAR_AUTH_TOKEN"));
                }

                static String digest(String value) throws Exception {
                    return value == null ? "none" : HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
                }
            }
            """.formatted(FAILURE);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    final List<String> answers = new ArrayList<>();

    @Test
    void noSecretShowsInAnyAnswerOrLogThroughAFunctionsLife() throws Exception {
        writeSecret("canary", "value", CANARY);
        writeSecret("canary-fn", "token", FUNCTION_TOKEN);
        // Every line logged at any level must be free of the secrets, not only what the tests' log shows.
        Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.pulsar", "io.netty")) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        guardHttpClientDebugLog();
        try {
            canaryRun();
        } finally {
            levels.forEach(ch.qos.logback.classic.Logger::setLevel);
        }
    }

    private void canaryRun() throws Exception {
        EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
        String controlPlaneLog;
        try (CapturedOutput output = CapturedOutput.start()) {
            try (ControlPlane plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                    new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl(), PLATFORM_TOKEN)), Samples.allowJars(work))) {
                live(new ControlPlaneClient(plane.url()), pulsar.uniqueTopic("canary-in"));
            }
            controlPlaneLog = output.text();
        }

        assertThat(controlPlaneLog).as("the capture works").contains("function public/default/" + NAME + ": created");
        assertThat(answers).hasSize(12).allSatisfy(answer -> assertNoSecretIn("an answer", answer));
        assertNoSecretIn("the control plane's log", controlPlaneLog);
        List<Path> files = filesLeftIn(dataDir);
        assertThat(files).as("a replica log").anySatisfy(file -> assertThat(file).content().contains(FAILURE));
        for (Path file : files) {
            assertNoSecretIn(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
    }

    /** Create, invoke, fail, look at it every way there is, refuse definitions holding secret values, delete. */
    private void live(ControlPlaneClient client, String input) throws Exception {
        Path jar = TestJars.jar(work, "canary.jar", Map.of("canary.SecretDigests", FUNCTION));
        String canary = "{name: canary, key: value}";
        String token = "{name: canary-fn, key: token}";
        assertThat(record(client.createYaml(NAME, definition(jar, input, canary, token))).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> client.readyInstances(NAME) == 1);

        assertThat(record(client.invoke(NAME, "check")).body())
                .as("the function got its secret and its own Pulsar token, not the control plane's")
                .isEqualTo("secret " + sha256(CANARY) + " token " + sha256(FUNCTION_TOKEN));
        assertThat(record(client.invoke(NAME, "fail")).statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get(PULSAR_V3 + "/status").body().contains(FAILURE));
        for (String path : List.of(ADMIN, ADMIN + "/status", PULSAR_V3, PULSAR_V3 + "/status", PULSAR_V3 + "/stats",
                "/health")) {
            assertThat(record(client.get(path)).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(record(client.createYaml("leaky", definition(jar, input, CANARY, token))).statusCode())
                .isEqualTo(400);
        assertThat(record(client.createYaml("leaky", definition(jar, input, canary, FUNCTION_TOKEN))).statusCode())
                .isEqualTo(400);
        assertThat(record(client.delete(NAME)).statusCode()).isEqualTo(204);
    }

    /** The function, its secret and its token given as YAML flow values: references, or what a careless user writes. */
    private static String definition(Path jar, String input, String canary, String token) {
        return """
                spec:
                  runtime: {className: canary.SecretDigests, jar: %s}
                  inputs: [%s]
                  secrets:
                    CANARY: %s
                  pulsarAuth:
                    token: %s
                """.formatted(jar, input, canary, token);
    }

    /**
     * As the product's log configurations do: Pulsar's admin HTTP client logs each request with its headers, the
     * control plane's token among them, at DEBUG, the level this test's log is at otherwise.
     */
    private static void guardHttpClientDebugLog() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.pulsar.shade.org.asynchttpclient"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        answers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
        return response;
    }

    private void writeSecret(String name, String key, String value) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("secrets").resolve(name));
        Files.writeString(dir.resolve(key), value + "\n");
    }

    /** Every file the control plane and its replicas wrote: all but the planted secrets themselves. */
    private static List<Path> filesLeftIn(Path dataDir) throws Exception {
        try (Stream<Path> tree = Files.walk(dataDir)) {
            return tree.filter(Files::isRegularFile).filter(file -> !file.startsWith(dataDir.resolve("secrets")))
                    .toList();
        }
    }

    private static void assertNoSecretIn(String where, String text) {
        assertThat(text).as(where).doesNotContain(CANARY).doesNotContain(FUNCTION_TOKEN).doesNotContain(PLATFORM_TOKEN);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
