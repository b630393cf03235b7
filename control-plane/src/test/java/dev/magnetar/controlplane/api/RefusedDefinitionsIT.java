package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.RuntimeSpec;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What would only fail once replicas start (a document of another type, a class that is not in its jar
 * or is not a function), and a jar outside the directories the control plane reads jars from, are refused
 * at create and at update, through Magnetar's admin API and Pulsar's, with a 400 naming the field; nothing
 * is stored, and a running function keeps running as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusedDefinitionsIT {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String NAME = "kept";
    private static final String EXCLAMATION = "dev.magnetar.samples.exclamation.ExclamationFunction";
    private static final String MISSING = "dev.magnetar.samples.exclamation.Missing";
    /** A class of the async-enrich sample that is not a function: its input record. */
    private static final String NOT_A_FUNCTION = "dev.magnetar.samples.asyncenrich.Order";

    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    ControlPlaneClient client;
    PulsarAdmin admin;
    Path exclamationJar;
    Path enrichJar;
    String input;

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir, new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())),
                Samples.allowJars());
        client = new ControlPlaneClient(plane.url());
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
        exclamationJar = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");
        enrichJar = Installation.current().samplesDir().resolve("async-enrich/target/async-enrich.jar");
        input = pulsar.uniqueTopic("refused-in");
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
    @Order(1)
    void aDocumentOfAnotherTypeIsRefusedNotRewrittenIntoAFunction() {
        String document = Samples.json(exclamation(EXCLAMATION));

        assertRefused(client.create(NAME, document.replace(Function.API_VERSION, "v9")),
                "apiVersion: 'v9' is not accepted", Function.API_VERSION);
        assertRefused(client.create(NAME, document.replace("\"Function\"", "\"Pod\"")), "kind: 'Pod' is not accepted");
        assertRefused(client.createYaml(NAME, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kept}\n"),
                "apiVersion: 'apps/v1'", "kind: 'Deployment'");
        assertNothingStored();
    }

    @Test
    @Order(2)
    void aClassThatIsMissingOrNotAFunctionIsRefusedAtCreate() {
        assertRefused(client.create(NAME, Samples.json(exclamation(MISSING))),
                "spec.runtime.className: '" + MISSING + "' is not in the jar " + exclamationJar);
        Function notAFunction = exclamation(NOT_A_FUNCTION);
        notAFunction.getSpec().setRuntime(new RuntimeSpec(null, enrichJar.toString(), NOT_A_FUNCTION));
        assertRefused(client.create(NAME, Samples.json(notAFunction)),
                "spec.runtime.className: " + NOT_A_FUNCTION + " implements neither");
        assertNothingStored();
    }

    @Test
    @Order(2)
    void aJarOutsideTheUploadedAndAllowedDirectoriesIsRefusedAtCreate() {
        String escape = dataDir.resolve("packages") + "/../../elsewhere/x.jar";

        assertRefused(client.create(NAME, Samples.json(exclamation(EXCLAMATION, "/etc/passwd"))),
                "spec.runtime.jar: '/etc/passwd' is outside", "magnetar.admin.allowed-jar-dirs");
        assertRefused(client.create(NAME, Samples.json(exclamation(EXCLAMATION, escape))),
                "spec.runtime.jar: '" + escape + "'", "is outside");
        assertNothingStored();
    }

    @Test
    @Order(3)
    void theSameIsRefusedForAJarUploadedThroughPulsarsApi() throws Exception {
        PulsarAdminException missing = refusedByPulsar(() -> admin.functions().createFunction(config(MISSING),
                exclamationJar.toString()));
        assertThat(missing.getMessage()).contains("spec.runtime.className: '" + MISSING + "' is not in the jar");
        PulsarAdminException notAFunction = refusedByPulsar(() -> admin.functions().createFunction(config(NOT_A_FUNCTION),
                enrichJar.toString()));
        assertThat(notAFunction.getMessage()).contains(NOT_A_FUNCTION + " implements neither");
        assertThat(admin.functions().getFunctions("public", "default")).isEmpty();
        assertNothingStored();
    }

    @Test
    @Order(4)
    void anUpdateToABrokenClassLeavesTheRunningFunctionAsItWas() throws Exception {
        HttpResponse<String> created = client.create(NAME, Samples.json(exclamation(EXCLAMATION)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        await().atMost(READY).until(() -> client.readyInstances(NAME) == 1);
        long pid = client.status(NAME).get("instances").get(0).get("pid").asLong();
        String accepted = client.get("/magnetar/v1/functions/public/default/" + NAME).body();

        assertRefused(client.update(NAME, Samples.json(exclamation(MISSING))), "spec.runtime.className", MISSING);
        assertRefused(client.update(NAME, Samples.json(exclamation(EXCLAMATION, "/etc/passwd"))),
                "spec.runtime.jar: '/etc/passwd' is outside");
        assertRefused(client.update(NAME, Samples.json(exclamation(EXCLAMATION)).replace(Function.API_VERSION, "v9")),
                "apiVersion: 'v9'");
        assertThat(refusedByPulsar(() -> admin.functions().updateFunction(config(MISSING), null)).getMessage())
                .as("the jar stays, the class changes").contains("'" + MISSING + "' is not in the jar " + exclamationJar);
        assertThat(refusedByPulsar(() -> admin.functions().updateFunction(config(NOT_A_FUNCTION), enrichJar.toString()))
                .getMessage()).as("a new jar").contains(NOT_A_FUNCTION + " implements neither");
        assertThat(refusedByPulsar(() -> admin.functions().updateFunction(config(EXCLAMATION), enrichJar.toString()))
                .getMessage()).as("a new jar without the class").contains("'" + EXCLAMATION + "' is not in the jar");

        assertThat(client.get("/magnetar/v1/functions/public/default/" + NAME).body()).isEqualTo(accepted);
        JsonNode instance = client.status(NAME).get("instances").get(0);
        assertThat(instance.get("pid").asLong()).isEqualTo(pid);
        assertThat(instance.get("ready").asBoolean()).isTrue();
        assertThat(client.invoke(NAME, "still here").body()).isEqualTo("still here!");
    }

    @Test
    @Order(5)
    void deleteRemovesTheFunction() {
        assertThat(client.delete(NAME).statusCode()).isEqualTo(204);
        assertNothingStored();
    }

    private Function exclamation(String className) {
        return exclamation(className, exclamationJar.toString());
    }

    private Function exclamation(String className, String jar) {
        Function function = Samples.exclamation(input, null, 1);
        function.getSpec().setRuntime(new RuntimeSpec(null, jar, className));
        function.getSpec().setCleanupSubscription(true);
        return function;
    }

    private FunctionConfig config(String className) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(NAME);
        config.setClassName(className);
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setInputs(List.of(input));
        config.setParallelism(1);
        return config;
    }

    private void assertNothingStored() {
        assertThat(client.get("/magnetar/v1/functions/public/default").body()).isEqualTo("[]");
        assertThat(client.get("/magnetar/v1/functions/public/default/" + NAME).statusCode()).isEqualTo(404);
    }

    private static void assertRefused(HttpResponse<String> response, String... reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ControlPlaneClient.json(response.body()).get("reason").asText()).contains(reason);
    }

    interface AdminCall {
        void run() throws Exception;
    }

    private static PulsarAdminException refusedByPulsar(AdminCall call) {
        PulsarAdminException refused = catchThrowableOfType(PulsarAdminException.class, call::run);
        assertThat(refused).as("refused by the Pulsar Functions API").isNotNull();
        assertThat(refused.getStatusCode()).as(refused.getMessage()).isEqualTo(400);
        return refused;
    }
}
