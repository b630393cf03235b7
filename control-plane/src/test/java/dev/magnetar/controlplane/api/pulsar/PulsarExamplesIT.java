package dev.magnetar.controlplane.api.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.api.pulsar.examples.Example;
import dev.magnetar.controlplane.api.pulsar.examples.ExampleCatalog;
import dev.magnetar.controlplane.api.pulsar.examples.ExampleRun;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.common.functions.FunctionConfig;
import org.apache.pulsar.functions.api.examples.ExclamationFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: every function of Apache Pulsar's own examples jar ({@code pulsar-functions-api-examples}), unchanged,
 * deployed through Pulsar's admin client, fed by a plain Pulsar producer and read by plain consumers, does on
 * Magnetar what it does on Pulsar. Each wave of examples is created at once (one replica each) and fed at once; each
 * example is then checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PulsarExamplesIT {
    @TempDir
    static Path dataDir;
    EmbeddedPulsar pulsar;
    ControlPlane plane;
    PulsarAdmin admin;
    Path jar;
    final Map<Example, ExampleRun> runs = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<Example, Throwable> failedToStart = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    void start() throws Exception {
        pulsar = EmbeddedPulsar.shared();
        plane = ControlPlane.start(new ControlPlaneOptions(0, dataDir,
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Map.of(
                StateStorageSettings.URL_PROPERTY, pulsar.stateStorageUrl(),
                // forty small functions, twenty started at once: a small heap each, and room for all of them
                "magnetar.replicas.jvm-options", "-Xmx64m,-Xss512k,-XX:+UseSerialGC,-XX:TieredStopAtLevel=1",
                "magnetar.replicas.limits.max-total", "48",
                "magnetar.replicas.limits.start-interval", "100ms"));
        admin = PulsarAdmin.builder().serviceHttpUrl(plane.url()).build();
        jar = Path.of(ExclamationFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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

    /**
     * Wave after wave, so that the replica JVMs of half the examples at most start at once on a small machine: each
     * wave is deployed and fed, then each of its examples checked. The replicas of every wave are stopped with the
     * control plane, all at once; stopping one wave before the next would have each delete wait for its own.
     */
    @TestFactory
    Stream<DynamicNode> everyExampleDoesWhatItDoesOnPulsar() {
        List<List<Example>> waves = ExampleCatalog.waves();
        return IntStream.range(0, waves.size()).mapToObj(i -> {
            List<Example> wave = waves.get(i);
            Stream<DynamicTest> checks = wave.stream().map(example -> DynamicTest.dynamicTest(example.toString(),
                    () -> check(example)));
            return DynamicContainer.dynamicContainer("wave " + (i + 1), Stream.concat(
                    Stream.of(DynamicTest.dynamicTest("deploy and feed", () -> deployAndFeed(wave))), checks));
        });
    }

    @Test
    void theCatalogHoldsEveryClassOfTheJar() throws Exception {
        TreeSet<String> classes = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .forEach(classes::add);
        }
        TreeSet<String> listed = new TreeSet<>(ExampleCatalog.NOT_FUNCTIONS.keySet().stream()
                .map(n -> Example.PACKAGE + n).toList());
        ExampleCatalog.waves().forEach(wave -> wave.forEach(e -> listed.add(e.className())));
        assertThat(listed).isEqualTo(classes);
    }

    @Test
    void aClassOfTheJarThatIsNotAFunctionIsRefusedAtCreate() {
        FunctionConfig config = config("ex-not-a-function", Example.PACKAGE + "ByteBufferSerDe",
                pulsar.uniqueTopic("ex-serde-in"), null);
        PulsarAdminException refused = catchThrowableOfType(PulsarAdminException.class,
                () -> admin.functions().createFunction(config, jar.toString()));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("ByteBufferSerDe");
    }

    private void deployAndFeed(List<Example> wave) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (Example example : wave) {
                started.add(pool.submit(() -> deployAndFeed(example)));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void check(Example example) throws Exception {
        Throwable failed = failedToStart.get(example);
        if (failed != null) {
            throw new AssertionError(example + " was not deployed and fed", failed);
        }
        example.check().run(runs.get(example));
    }

    private void deployAndFeed(Example example) {
        String name = example.functionName();
        String input = pulsar.uniqueTopic(name + "-in");
        String output = input.replace("-in-", "-out-");
        FunctionConfig config = config(name, example.className(), input, output);
        example.configure().accept(config);
        ExampleRun run = new ExampleRun(name, input, output, input.replace("-in-", "-side-"), pulsar.client(), admin);
        try {
            if (example.producers() != null) {
                pulsar.client().newProducer(example.producers()).topic(input).create().close();
            }
            admin.functions().createFunction(config, jar.toString());
            example.feed().run(run);
            runs.put(example, run);
        } catch (Throwable e) {
            failedToStart.put(example, e);
        }
    }

    private static FunctionConfig config(String name, String className, String input, String output) {
        FunctionConfig config = new FunctionConfig();
        config.setTenant("public");
        config.setNamespace("default");
        config.setName(name);
        config.setClassName(className);
        config.setRuntime(FunctionConfig.Runtime.JAVA);
        config.setInputs(List.of(input));
        config.setOutput(output);
        config.setParallelism(1);
        return config;
    }
}
