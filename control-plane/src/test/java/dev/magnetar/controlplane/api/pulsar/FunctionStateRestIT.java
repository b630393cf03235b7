package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.state.StateStorageSettings;
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
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.functions.FunctionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulsar's admin client reads and writes function state through the control plane ({@code querystate},
 * {@code putstate}) on the tables real replica JVMs use, on the embedded broker's table service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionStateRestIT {
    private static final int LINES = 200;
    private static final String PACKAGE = "dev.magnetar.samples.statewordcount.";

    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Map.of(StateStorageSettings.URL_PROPERTY, pulsar.stateStorageUrl()));
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
    }

    @Test
    void querystateShowsTheExactCountOfTwoReplicas() throws Exception {
        String name = "state-words-" + UUID.randomUUID().toString().substring(0, 8);
        String input = pulsar.uniqueTopic("state-words-in");
        admin.functions().createFunction(config(name, "WordCountFunction", input, null, 2), jar());
        await().atMost(Duration.ofSeconds(120)).until(() -> running(name) == 2);
        try (Producer<String> producer = pulsar.client().newProducer(Schema.STRING).topic(input).create()) {
            for (int i = 0; i < LINES; i++) {
                producer.sendAsync("apple banana apple");
            }
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> counter(name, "banana") == LINES);
        FunctionState apples = admin.functions().getFunctionState("public", "default", name, "apple");
        assertThat(apples.getNumberValue()).isEqualTo(2L * LINES);
        assertThat(apples.getStringValue()).isNull();
        assertThat(admin.functions().getFunctionStats("public", "default", name).getReceivedTotal())
                .isEqualTo(LINES);

        PulsarAdminException missing = catchThrowableOfType(PulsarAdminException.class,
                () -> admin.functions().getFunctionState("public", "default", name, "cherry"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getMessage()).contains("key 'cherry' doesn't exist.");
        PulsarAdminException counter = catchThrowableOfType(PulsarAdminException.class, () -> admin.functions()
                .putFunctionState("public", "default", name, new FunctionState("apple", null, null, 5L, 0L)));
        assertThat(counter.getStatusCode()).isEqualTo(400);
        assertThat(counter.getMessage()).contains("counter values is not supported in put state");
        PulsarAdminException noFunction = catchThrowableOfType(PulsarAdminException.class,
                () -> admin.functions().getFunctionState("public", "default", "nothing-here", "apple"));
        assertThat(noFunction.getStatusCode()).isEqualTo(404);
    }

    @Test
    void putstateThenTheFunctionReadsIt() throws Exception {
        String name = "state-lookup-" + UUID.randomUUID().toString().substring(0, 8);
        String input = pulsar.uniqueTopic("state-lookup-in");
        String output = pulsar.uniqueTopic("state-lookup-out");
        admin.functions().createFunction(config(name, "StateLookupFunction", input, output, 1), jar());
        admin.functions().putFunctionState("public", "default", name,
                new FunctionState("greeting", "hello from putstate", null, null, null));
        FunctionState stored = admin.functions().getFunctionState("public", "default", name, "greeting");
        assertThat(stored.getStringValue()).isEqualTo("hello from putstate");
        assertThat(stored.getNumberValue()).isNull();
        admin.functions().putFunctionState("public", "default", name,
                new FunctionState("raw", null, new byte[] {(byte) 0xff, 0, 1}, null, null));
        assertThat(admin.functions().getFunctionState("public", "default", name, "raw").getByteValue())
                .containsExactly((byte) 0xff, 0, 1);

        await().atMost(Duration.ofSeconds(120)).until(() -> running(name) == 1);
        try (Consumer<byte[]> results = pulsar.client().newConsumer().topic(output).subscriptionName("check")
                .subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer().topic(input).create()) {
            producer.send("greeting".getBytes(StandardCharsets.UTF_8));
            Message<byte[]> answer = results.receive(60, TimeUnit.SECONDS);
            assertThat(answer).as("the function's answer").isNotNull();
            assertThat(new String(answer.getValue(), StandardCharsets.UTF_8)).isEqualTo("hello from putstate");
        }
    }

    private long counter(String name, String key) {
        try {
            return admin.functions().getFunctionState("public", "default", name, key).getNumberValue();
        } catch (PulsarAdminException e) {
            return -1;
        }
    }

    private int running(String name) throws PulsarAdminException {
        return admin.functions().getFunctionStatus("public", "default", name).getNumRunning();
    }

    private static FunctionConfig config(String name, String className, String input, String output, int parallelism) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(name);
        config.setClassName(PACKAGE + className);
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setInputs(List.of(input));
        config.setOutput(output);
        config.setParallelism(parallelism);
        config.setCleanupSubscription(true);
        return config;
    }

    private static String jar() {
        return Installation.current().samplesDir().resolve("state-word-count/target/state-word-count.jar").toString();
    }

}
