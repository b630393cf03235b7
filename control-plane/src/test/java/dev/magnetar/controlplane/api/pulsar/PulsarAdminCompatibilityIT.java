package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.service.FunctionService;
import dev.magnetar.controlplane.store.FunctionRef;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.common.policies.data.FunctionStats;
import org.apache.pulsar.common.policies.data.FunctionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;


/**
 * Acceptance: Pulsar's own Java admin client, unchanged, drives the control plane through one
 * function's life (create from a jar and from a URL, get, list, status, stats, trigger, stop,
 * start, restart, update, delete) against the embedded broker and real replica JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PulsarAdminCompatibilityIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String TENANT = "public";
    private static final String NAMESPACE = "default";
    private static final String NAME = "pulsar-exclaim";
    private static final String CLASS_NAME = "dev.magnetar.samples.exclamation.ExclamationFunction";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path allowedDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    Path sampleJar;
    String input;
    String output;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Map.of("magnetar.admin.allowed-jar-dirs", allowedDir.toString()));
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
        sampleJar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        input = pulsar.uniqueTopic("pulsar-admin-in");
        output = pulsar.uniqueTopic("pulsar-admin-out");
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

    FunctionConfig config(String name, int parallelism) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant(TENANT);
        config.setNamespace(NAMESPACE);
        config.setName(name);
        config.setClassName(CLASS_NAME);
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setInputs(List.of(input));
        config.setOutput(output);
        config.setParallelism(parallelism);
        config.setCleanupSubscription(true);
        config.setUserConfig(Map.of("greeting", "hi"));
        return config;
    }

    @Test
    @Order(1)
    void createFromAJarThenGetAndList() throws Exception {
        admin.functions().createFunction(config(NAME, 2), sampleJar.toString());

        FunctionConfig stored = admin.functions().getFunction(TENANT, NAMESPACE, NAME);
        assertThat(stored.getClassName()).isEqualTo(CLASS_NAME);
        assertThat(stored.getInputs()).containsExactly(input);
        assertThat(stored.getOutput()).isEqualTo(output);
        assertThat(stored.getParallelism()).isEqualTo(2);
        assertThat(stored.getUserConfig()).containsEntry("greeting", "hi");
        assertThat(stored.getJar()).startsWith(dataDir.resolve("packages/public/default/" + NAME).toString())
                .endsWith(".jar");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).containsExactly(NAME);
        Function same = plane.context().getBean(FunctionService.class)
                .get(new FunctionRef(TENANT, NAMESPACE, NAME)).orElseThrow();
        assertThat(same.getSpec().getReplicas()).as("the object the native API and the CLI see").isEqualTo(2);
        assertThat(same.getSpec().getRuntime().jar()).isEqualTo(stored.getJar());

        PulsarAdminException again = catchAdmin(() -> admin.functions().createFunction(config(NAME, 2), sampleJar.toString()));
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getMessage()).contains("already exists");
        PulsarAdminException missing = catchAdmin(() -> admin.functions().getFunction(TENANT, NAMESPACE, "nothing"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void statusCountsWhatTheReplicasProcessedAndStatsAddItUp() throws Exception {
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME).getNumRunning() == 2);
        try (Consumer<byte[]> results = pulsar.client().newConsumer().topic(output).subscriptionName("check").subscribe();
             Producer<byte[]> producer = pulsar.client().newProducer().topic(input).create()) {
            for (int i = 0; i < 6; i++) {
                producer.send(("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 6; i++) {
                Message<byte[]> message = results.receive(30, TimeUnit.SECONDS);
                assertThat(message).as("output %d", i).isNotNull();
                assertThat(new String(message.getValue(), StandardCharsets.UTF_8)).endsWith("!");
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            FunctionStatus status = admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME);
            assertThat(status.getNumInstances()).isEqualTo(2);
            assertThat(status.getInstances()).hasSize(2);
            assertThat(status.getInstances().stream().mapToLong(i -> i.getStatus().getNumReceived()).sum()).isEqualTo(6);
            assertThat(status.getInstances().stream().mapToLong(i -> i.getStatus().getNumSuccessfullyProcessed()).sum())
                    .isEqualTo(6);
            assertThat(status.getInstances()).allSatisfy(i -> {
                assertThat(i.getStatus().isRunning()).isTrue();
                assertThat(i.getStatus().getNumUserExceptions()).isZero();
            });
        });
        FunctionStats stats = admin.functions().getFunctionStats(TENANT, NAMESPACE, NAME);
        assertThat(stats.getReceivedTotal()).isEqualTo(6);
        assertThat(stats.getProcessedSuccessfullyTotal()).isEqualTo(6);
        assertThat(stats.getInstances()).hasSize(2);
        assertThat(stats.getInstances().stream().mapToLong(i -> i.getMetrics().getReceivedTotal()).sum()).isEqualTo(6);
    }

    @Test
    @Order(3)
    void triggerReturnsTheFunctionsOutput() throws Exception {
        assertThat(admin.functions().triggerFunction(TENANT, NAMESPACE, NAME, null, "hello", null)).isEqualTo("hello!");
        assertThat(admin.functions().triggerFunction(TENANT, NAMESPACE, NAME, input, "again", null)).isEqualTo("again!");
        PulsarAdminException wrongTopic = catchAdmin(() -> admin.functions().triggerFunction(TENANT, NAMESPACE, NAME,
                output, "x", null));
        assertThat(wrongTopic.getStatusCode()).isEqualTo(400);
        assertThat(wrongTopic.getMessage()).contains("topic", "is not an input");
    }

    @Test
    @Order(4)
    void createFromAUrlInsideTheAllowedDirectoryOnly() throws Exception {
        Path allowedJar = Files.copy(sampleJar, allowedDir.resolve("exclamation.jar"));
        admin.functions().createFunctionWithUrl(config("from-url", 1), allowedJar.toUri().toString());
        assertThat(admin.functions().getFunction(TENANT, NAMESPACE, "from-url").getJar())
                .startsWith(dataDir.resolve("packages/public/default/from-url").toString());

        PulsarAdminException refused = catchAdmin(() -> admin.functions().createFunctionWithUrl(config("outside", 1),
                sampleJar.toUri().toString()));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("url", "outside", "magnetar.admin.allowed-jar-dirs");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).containsExactlyInAnyOrder(NAME, "from-url");

        admin.functions().deleteFunction(TENANT, NAMESPACE, "from-url");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).containsExactly(NAME);
    }

    @Test
    @Order(5)
    void stopKeepsTheDefinitionAndStartBringsTheInstancesBack() throws Exception {
        admin.functions().stopFunction(TENANT, NAMESPACE, NAME);
        FunctionStatus stopped = admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME);
        assertThat(stopped.getNumRunning()).isZero();
        assertThat(stopped.getNumInstances()).isEqualTo(2);
        assertThat(admin.functions().getFunction(TENANT, NAMESPACE, NAME).getParallelism()).isEqualTo(2);

        admin.functions().startFunction(TENANT, NAMESPACE, NAME);
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME).getNumRunning() == 2);

        admin.functions().stopFunction(TENANT, NAMESPACE, NAME, 1);
        FunctionStatus oneStopped = admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME);
        assertThat(oneStopped.getNumRunning()).isEqualTo(1);
        assertThat(oneStopped.getInstances().get(1).getStatus().isRunning()).isFalse();
        admin.functions().startFunction(TENANT, NAMESPACE, NAME, 1);
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME).getNumRunning() == 2);

        PulsarAdminException noSuchInstance = catchAdmin(() -> admin.functions().restartFunction(TENANT, NAMESPACE, NAME, 7));
        assertThat(noSuchInstance.getStatusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void restartReplacesTheInstancesAndCountersStartOver() throws Exception {
        admin.functions().restartFunction(TENANT, NAMESPACE, NAME);
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME).getNumRunning() == 2);
        assertThat(admin.functions().getFunctionStats(TENANT, NAMESPACE, NAME).getReceivedTotal()).isZero();
        assertThat(admin.functions().triggerFunction(TENANT, NAMESPACE, NAME, null, "back", null)).isEqualTo("back!");
    }

    @Test
    @Order(7)
    void updateChangesOnlyWhatItSets() throws Exception {
        FunctionConfig change = new FunctionConfig();
        change.setTenant(TENANT);
        change.setNamespace(NAMESPACE);
        change.setName(NAME);
        change.setParallelism(1);
        admin.functions().updateFunction(change, null);

        FunctionConfig updated = admin.functions().getFunction(TENANT, NAMESPACE, NAME);
        assertThat(updated.getParallelism()).isEqualTo(1);
        assertThat(updated.getClassName()).isEqualTo(CLASS_NAME);
        assertThat(updated.getInputs()).containsExactly(input);
        await().atMost(READY).until(() -> {
            FunctionStatus status = admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME);
            return status.getNumInstances() == 1 && status.getNumRunning() == 1;
        });

        FunctionConfig badGuarantee = config(NAME, 1);
        badGuarantee.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.MANUAL);
        PulsarAdminException refused = catchAdmin(() -> admin.functions().updateFunction(badGuarantee, null));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("processingGuarantees", "MANUAL");

        FunctionConfig once = config("pulsar-once", 1);
        once.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.EFFECTIVELY_ONCE);
        once.setRetainOrdering(true);
        PulsarAdminException onceRefused = catchAdmin(() -> admin.functions().createFunction(once, sampleJar.toString()));
        assertThat(onceRefused.getStatusCode()).isEqualTo(400);
        assertThat(onceRefused.getMessage()).contains("processingGuarantees: EFFECTIVELY_ONCE is not supported");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).doesNotContain("pulsar-once");
    }

    @Test
    @Order(8)
    void deleteRemovesTheFunction() throws Exception {
        admin.functions().deleteFunction(TENANT, NAMESPACE, NAME);
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).isEmpty();
        assertThat(dataDir.resolve("packages/public/default/" + NAME)).as("the uploaded jars").doesNotExist();
        assertThat(catchAdmin(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, NAME)).getStatusCode())
                .isEqualTo(404);
        assertThat(catchAdmin(() -> admin.functions().deleteFunction(TENANT, NAMESPACE, NAME)).getStatusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(9)
    void statusShowsTheLatestExceptionsAndStatsTheLastMinute() throws Exception {
        FunctionConfig enrich = config("pulsar-enrich", 1);
        String enrichInput = pulsar.uniqueTopic("pulsar-enrich-in");
        enrich.setClassName("dev.magnetar.samples.asyncenrich.AsyncEnrichFunction");
        enrich.setInputs(List.of(enrichInput));
        // One attempt per message, so the counts below hold still: the plain message below has no caller to answer.
        enrich.setProcessingGuarantees(FunctionConfig.ProcessingGuarantees.ATMOST_ONCE);
        enrich.setOutput(null);
        Path enrichJar = Installation.current().samplesDir().resolve("async-enrich/target/async-enrich.jar");
        admin.functions().createFunction(enrich, enrichJar.toString());
        await().atMost(READY).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE, "pulsar-enrich")
                .getNumRunning() == 1);
        long before = System.currentTimeMillis();

        assertThat(admin.functions().triggerFunction(TENANT, NAMESPACE, "pulsar-enrich", null,
                "{\"id\":\"o-1\",\"customer\":\"acme\"}", null)).contains("\"tier\":\"gold\"");
        PulsarAdminException thrown = catchAdmin(() -> admin.functions().triggerFunction(TENANT, NAMESPACE,
                "pulsar-enrich", null, "{\"customer\":\"acme\"}", null));
        assertThat(thrown.getMessage()).contains("the order has no 'id'");
        PulsarAdminException notJson = catchAdmin(() -> admin.functions().triggerFunction(TENANT, NAMESPACE,
                "pulsar-enrich", null, "not json", null));
        assertThat(notJson.getStatusCode()).as("refused before it is published").isEqualTo(400);
        assertThat(notJson.getMessage()).contains("the body does not fit the JSON schema of input topic " + enrichInput);
        // A plain producer's bytes are not checked: the replica meets them.
        try (Producer<byte[]> raw = pulsar.client().newProducer().topic(enrichInput).create()) {
            raw.send("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.functions().getFunctionStatus(TENANT, NAMESPACE,
                "pulsar-enrich").getInstances().get(0).getStatus().getNumReceived() == 3);

        FunctionStatus.FunctionInstanceStatus.FunctionInstanceStatusData instance =
                admin.functions().getFunctionStatus(TENANT, NAMESPACE, "pulsar-enrich").getInstances().get(0).getStatus();
        assertThat(instance.getNumReceived()).isEqualTo(3);
        assertThat(instance.getNumSuccessfullyProcessed()).isEqualTo(1);
        assertThat(instance.getNumUserExceptions()).isEqualTo(1);
        assertThat(instance.getLatestUserExceptions()).singleElement().satisfies(e -> {
            assertThat(e.getExceptionString()).isEqualTo("IllegalArgumentException: the order has no 'id': send JSON"
                    + " like {\"id\":\"o-1\",\"customer\":\"acme\"}");
            assertThat(e.getTimestampMs()).isGreaterThanOrEqualTo(before);
        });
        assertThat(instance.getNumSystemExceptions()).as("the undecodable input").isEqualTo(1);
        assertThat(instance.getLatestSystemExceptions()).singleElement()
                .satisfies(e -> assertThat(e.getExceptionString()).contains("the input is not JSON"));
        assertThat(instance.getLastInvocationTime()).isGreaterThanOrEqualTo(before);

        FunctionStats stats = admin.functions().getFunctionStats(TENANT, NAMESPACE, "pulsar-enrich");
        assertThat(stats.getUserExceptionsTotal()).isEqualTo(1);
        assertThat(stats.getSystemExceptionsTotal()).isEqualTo(1);
        assertThat(stats.getOneMin().getReceivedTotal()).isEqualTo(3);
        assertThat(stats.getOneMin().getProcessedSuccessfullyTotal()).isEqualTo(1);
        assertThat(stats.getOneMin().getUserExceptionsTotal()).isEqualTo(1);
        assertThat(stats.getOneMin().getAvgProcessLatency()).isPositive();
        assertThat(stats.getLastInvocation()).isGreaterThanOrEqualTo(before);
        assertThat(stats.getInstances().get(0).getMetrics().getOneMin().getUserExceptionsTotal()).isEqualTo(1);

        admin.functions().deleteFunction(TENANT, NAMESPACE, "pulsar-enrich");
    }

    @Test
    @Order(10)
    void theLogTopicIsKeptAndASerdeClassNotInTheJarIsRefusedNamingTheField() throws Exception {
        FunctionConfig logged = config("pulsar-logged", 1);
        logged.setLogTopic("pulsar-logs");
        admin.functions().createFunction(logged, sampleJar.toString());
        assertThat(admin.functions().getFunction(TENANT, NAMESPACE, "pulsar-logged").getLogTopic())
                .isEqualTo("persistent://public/default/pulsar-logs");
        admin.functions().deleteFunction(TENANT, NAMESPACE, "pulsar-logged");

        FunctionConfig serde = config("pulsar-serde", 1);
        serde.setOutputSerdeClassName("com.example.MySerDe");
        PulsarAdminException refused = catchAdmin(() -> admin.functions().createFunction(serde, sampleJar.toString()));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("outputSerdeClassName", "'com.example.MySerDe' is not in the jar");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).doesNotContain("pulsar-serde");

        FunctionConfig worker = config("pulsar-worker", 1);
        worker.setSkipToLatest(true);
        worker.setCustomRuntimeOptions("{\"jobNamespace\":\"fns\"}");
        PulsarAdminException workerRefused = catchAdmin(() -> admin.functions().createFunction(worker,
                sampleJar.toString()));
        assertThat(workerRefused.getStatusCode()).isEqualTo(400);
        assertThat(workerRefused.getMessage()).contains("skipToLatest: is true", "customRuntimeOptions: is '");
        assertThat(admin.functions().getFunctions(TENANT, NAMESPACE)).doesNotContain("pulsar-worker");
    }

    interface AdminCall {
        void run() throws Exception;
    }

    static PulsarAdminException catchAdmin(AdminCall call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (Throwable e) {
                thrown[0] = e;
                throw e;
            }
        }).isInstanceOf(PulsarAdminException.class);
        return (PulsarAdminException) thrown[0];
    }
}
