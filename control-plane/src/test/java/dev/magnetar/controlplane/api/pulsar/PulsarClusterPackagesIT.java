package dev.magnetar.controlplane.api.pulsar;

import static dev.magnetar.controlplane.api.pulsar.PulsarAdminCompatibilityIT.catchAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.functions.api.examples.ConfigBasedAppendFunction;
import org.apache.pulsar.packages.management.core.common.PackageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a function deployed from Pulsar's packages management, as a Pulsar user does it with Pulsar's own admin
 * client pointed at the control plane: {@code packages upload function://...}, then {@code functions create} with
 * that URL, against the embedded broker (which keeps packages) and a real replica. The package is uploaded through the
 * control plane, which passes it on to the cluster; a new version is uploaded to the broker directly and an update
 * runs it; a restarted control plane runs the function again and still finds the package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PulsarClusterPackagesIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String SAMPLE_CLASS = "dev.magnetar.samples.exclamation.ExclamationFunction";
    private static final String NAME = "pkg-fn";
    private final String packageName = "function://public/default/greeter-" + UUID.randomUUID().toString()
            .substring(0, 8);
    private final String v1 = packageName + "@v1";
    private final String v2 = packageName + "@v2";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    Path sampleJar;
    Path examplesJar;
    String input;
    String output;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        sampleJar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        examplesJar = Path.of(ConfigBasedAppendFunction.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        input = pulsar.uniqueTopic("pkg-in");
        output = pulsar.uniqueTopic("pkg-out");
        startPlane();
    }

    private void startPlane() throws Exception {
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Map.of());
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
    }

    @AfterAll
    void stop() {
        stopPlane();
    }

    private void stopPlane() {
        if (admin != null) {
            admin.close();
        }
        if (plane != null) {
            plane.close();
        }
    }

    private FunctionConfig config(String name, int parallelism) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(name);
        config.setClassName(SAMPLE_CLASS);
        config.setInputs(List.of(input));
        config.setOutput(output);
        config.setParallelism(parallelism);
        return config;
    }

    private static PackageMetadata described(String description) {
        PackageMetadata metadata = new PackageMetadata();
        metadata.setDescription(description);
        return metadata;
    }

    @Test
    @Order(1)
    void anUploadThroughTheControlPlaneIsKeptByTheCluster() throws Exception {
        admin.packages().upload(described("the exclamation sample"), v1, sampleJar.toString());

        assertThat(pulsar.admin().packages().listPackageVersions(packageName)).containsExactly("v1");
        assertThat(admin.packages().listPackageVersions(packageName)).containsExactly("v1");
        assertThat(admin.packages().listPackages("function", "public/default"))
                .contains(packageName.substring("function://public/default/".length()));
        assertThat(admin.packages().getMetadata(v1).getDescription()).isEqualTo("the exclamation sample");
        Path back = work.resolve("v1.jar");
        admin.packages().download(v1, back.toString());
        assertThat(back).hasSameBinaryContentAs(sampleJar);

        PulsarAdminException missing = catchAdmin(() -> admin.packages().getMetadata(packageName + "@none"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aFunctionCreatedFromThePackageRuns() throws Exception {
        admin.functions().createFunctionWithUrl(config(NAME, 1), v1);
        Path jar = work.resolve("function.jar");
        admin.functions().downloadFunction(jar.toString(), "public", "default", NAME);
        assertThat(jar).hasSameBinaryContentAs(sampleJar);

        assertRuns("hello", "hello!");
    }

    @Test
    @Order(3)
    void aPackageTheClusterDoesNotHaveIsRefusedNamingTheUrl() {
        String absent = packageName + "@v9";
        PulsarAdminException refused = catchAdmin(() -> admin.functions().createFunctionWithUrl(config("pkg-absent", 0),
                absent));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("url '" + absent + "': the cluster has no such package",
                "pulsar-admin packages upload");
    }

    @Test
    @Order(4)
    void anUpdateToANewVersionRunsIt() throws Exception {
        pulsar.admin().packages().upload(described("Pulsar's examples"), v2, examplesJar.toString());
        FunctionConfig update = config(NAME, 1);
        update.setClassName(ConfigBasedAppendFunction.class.getName());
        update.setUserConfig(Map.of("config-key", "?"));
        admin.functions().updateFunctionWithUrl(update, v2);

        assertRuns("again", "again?");
    }

    @Test
    @Order(5)
    void aRestartedControlPlaneRunsTheFunctionAndStillFindsThePackage() throws Exception {
        stopPlane();
        startPlane();

        assertThat(admin.functions().getFunction("public", "default", NAME).getClassName())
                .isEqualTo(ConfigBasedAppendFunction.class.getName());
        assertRuns("back", "back?");

        admin.functions().createFunctionWithUrl(config("pkg-again", 0), v1);
        Path jar = work.resolve("again.jar");
        admin.functions().downloadFunction(jar.toString(), "public", "default", "pkg-again");
        assertThat(jar).hasSameBinaryContentAs(sampleJar);
        admin.functions().deleteFunction("public", "default", "pkg-again");
    }

    @Test
    @Order(6)
    void onlyFunctionPackagesOfTheFunctionsOwnNamespaceAreTaken() throws Exception {
        PulsarAdminException foreign = catchAdmin(() -> admin.functions().createFunctionWithUrl(
                config("pkg-foreign", 0), "function://other/team/exclamation@1"));
        assertThat(foreign.getStatusCode()).isEqualTo(400);
        assertThat(foreign.getMessage()).contains("is a package of other/team, not of the function's namespace");

        PulsarAdminException sink = catchAdmin(() -> admin.functions().createFunctionWithUrl(config("pkg-sink", 0),
                "sink://public/default/exclamation@1"));
        assertThat(sink.getMessage()).contains("names a sink package: a function runs a function:// package");
        assertThat(admin.functions().getFunctions("public", "default")).doesNotContain("pkg-foreign", "pkg-sink",
                "pkg-absent");
    }

    /**
     * Sends {@code value} to the function until {@code expected} comes out: a replica that is starting, or one of the
     * version before an update, may answer the first sends.
     */
    private void assertRuns(String value, String expected) throws Exception {
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus("public", "default", NAME)
                .getNumRunning() == 1);
        try (Consumer<byte[]> results = pulsar.client().newConsumer().topic(output)
                .subscriptionName("check-" + UUID.randomUUID())
                .subscriptionInitialPosition(SubscriptionInitialPosition.Latest).subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer().topic(input).create()) {
            await().atMost(READY).pollDelay(Duration.ZERO).untilAsserted(() -> {
                producer.send(value.getBytes(StandardCharsets.UTF_8));
                Message<byte[]> message = results.receive(5, TimeUnit.SECONDS);
                assertThat(message).as("an output within 5 s").isNotNull();
                results.acknowledge(message);
                assertThat(new String(message.getValue(), StandardCharsets.UTF_8)).isEqualTo(expected);
            });
        }
    }
}
