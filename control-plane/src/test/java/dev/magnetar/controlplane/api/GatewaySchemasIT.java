package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.InputSpec;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.bridge.pulsar.PulsarConnection;
import dev.magnetar.controlplane.ControlPlane;
import dev.magnetar.controlplane.ControlPlaneOptions;
import dev.magnetar.controlplane.testing.ControlPlaneClient;
import dev.magnetar.controlplane.testing.Samples;
import dev.magnetar.controlplane.testing.TestJars;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions whose input topics carry a schema, called through the gateway with JSON bodies and answered in JSON: the
 * gateway writes each body as the topic's schema does, and refuses one that does not fit without publishing it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySchemasIT {
    private static final Duration READY = Duration.ofSeconds(90);

    private final EmbeddedPulsar pulsar = EmbeddedPulsar.shared();
    private final String intInput = pulsar.uniqueTopic("plus-one-in");
    private final String avroInput = pulsar.uniqueTopic("birthday-in");
    private final String genericInput = pulsar.uniqueTopic("describe-in");
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private ControlPlane plane;
    private ControlPlaneClient client;

    @BeforeAll
    void start() throws Exception {
        Path jar = TestJars.jar(dir, "schemas.jar", Map.of(
                "fn.PlusOne", """
                        package fn;
                        import org.apache.pulsar.functions.api.Context;
                        import org.apache.pulsar.functions.api.Function;
                        public class PlusOne implements Function<Integer, Integer> {
                            public Integer process(Integer input, Context context) { return input + 1; }
                        }""",
                "fn.Person", """
                        package fn;
                        public class Person {
                            public String name;
                            public int age;
                        }""",
                "fn.Birthday", """
                        package fn;
                        import org.apache.pulsar.functions.api.Context;
                        import org.apache.pulsar.functions.api.Function;
                        public class Birthday implements Function<Person, Person> {
                            public Person process(Person input, Context context) {
                                input.age = input.age + 1;
                                return input;
                            }
                        }""",
                "fn.Describe", """
                        package fn;
                        import org.apache.pulsar.client.api.schema.GenericRecord;
                        import org.apache.pulsar.functions.api.Context;
                        import org.apache.pulsar.functions.api.Function;
                        public class Describe implements Function<GenericRecord, String> {
                            public String process(GenericRecord input, Context context) {
                                return input.getSchemaType() + " " + input.getField("name") + " " + input.getField("age");
                            }
                        }"""));
        // One topic is given its schema before the function exists; the other gets it from the function's spec.
        pulsar.admin().schemas().createSchema(intInput, Schema.INT32.getSchemaInfo());
        // A generic-record function reads whatever the topic's schema says: its producers registered one.
        pulsar.admin().schemas().createSchema(genericInput, SchemaInfo.builder().name("Person").type(SchemaType.AVRO)
                .schema(("{\"type\": \"record\", \"name\": \"Person\", \"fields\": [{\"name\": \"name\","
                        + " \"type\": \"string\"}, {\"name\": \"age\", \"type\": \"int\"}]}")
                        .getBytes(StandardCharsets.UTF_8)).build());
        plane = ControlPlane.start(new ControlPlaneOptions(0, Files.createDirectories(dir.resolve("data")),
                new PulsarConnection(pulsar.serviceUrl(), pulsar.adminUrl())), Samples.allowJars(dir));
        client = new ControlPlaneClient(plane.url());
        create("plus-one", function("fn.PlusOne", jar, intInput, null));
        create("birthday", function("fn.Birthday", jar, avroInput, "AVRO"));
        create("describe", function("fn.Describe", jar, genericInput, null));
        await().atMost(READY).until(() -> client.readyInstances("plus-one") == 1
                && client.readyInstances("birthday") == 1 && client.readyInstances("describe") == 1);
        await("the AVRO schema on " + avroInput).atMost(READY).until(() -> pulsar.admin().schemas()
                .getSchemaInfo(avroInput).getType() == SchemaType.AVRO);
    }

    @AfterAll
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void anIntegerFunctionOnAnInt32TopicAnswersAJsonNumber() {
        HttpResponse<String> response = post("/function/public/default/plus-one", "41", "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("42");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void anAvroFunctionTakesAndAnswersJson() {
        HttpResponse<String> response = post("/function/public/default/birthday", "{\"name\": \"Ada\", \"age\": 36}",
                "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ControlPlaneClient.json(response.body())).isEqualTo(ControlPlaneClient.json(
                "{\"name\": \"Ada\", \"age\": 37}"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void aGenericRecordFunctionGetsTheRecordOfTheTopicsAvroSchema() {
        HttpResponse<String> response = post("/function/public/default/describe", "{\"name\": \"Ada\", \"age\": 36}",
                "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("AVRO Ada 36");
    }

    @Test
    void aBodyThatDoesNotFitIs400NamingTheProblemAndNothingIsPublished() throws Exception {
        try (Reader<byte[]> reader = pulsar.client().newReader().topic(avroInput)
                .startMessageId(MessageId.latest).create()) {
            refusedAndThenAnswered(reader);
        }
    }

    private void refusedAndThenAnswered(Reader<byte[]> reader) throws Exception {
        HttpResponse<String> sync = post("/function/public/default/birthday", "{\"name\": \"Ada\", \"age\": \"old\"}",
                "application/json");
        HttpResponse<String> async = post("/async-function/public/default/plus-one", "\"forty-one\"",
                "application/json");

        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(400);
        assertThat(ControlPlaneClient.json(sync.body()).get("reason").asText())
                .contains("AVRO schema of input topic " + avroInput, "field 'age': expected int",
                        "got string \"old\"");
        assertThat(async.statusCode()).as(async.body()).isEqualTo(400);
        assertThat(ControlPlaneClient.json(async.body()).get("reason").asText())
                .contains("INT32 schema of input topic " + intInput, "got string \"forty-one\"");
        // A good call after the bad one: the first message on the topic since the bad one is the good one.
        assertThat(post("/function/public/default/birthday", "{\"name\": \"Bo\", \"age\": 1}", "application/json")
                .statusCode()).isEqualTo(200);
        Message<byte[]> first = reader.readNext(30, TimeUnit.SECONDS);
        assertThat(first).as("the good call's message").isNotNull();
        // Avro's binary encoding of {"name": "Bo", "age": 1}: five bytes, the name's among them, no JSON
        assertThat(first.getValue()).hasSize(5);
        assertThat(new String(first.getValue(), StandardCharsets.ISO_8859_1)).contains("Bo").doesNotContain("old");
    }

    private Function function(String className, Path jar, String input, String schemaType) {
        Function function = FunctionDocuments.parse("""
                apiVersion: magnetar.dev/v1alpha1
                kind: Function
                spec:
                  runtime: {className: %s, jar: %s}
                """.formatted(className, jar));
        function.getSpec().setInputs(List.of(input));
        if (schemaType != null) {
            function.getSpec().setInputSpecs(Map.of(input, new InputSpec(schemaType, null, Map.of())));
        }
        return function;
    }

    private void create(String name, Function function) {
        HttpResponse<String> created = client.create(name, Samples.json(function));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String body, String contentType) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(plane.url() + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }
}
