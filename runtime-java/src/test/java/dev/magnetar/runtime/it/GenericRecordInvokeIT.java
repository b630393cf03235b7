package dev.magnetar.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.runtime.fixtures.Definitions;
import dev.magnetar.runtime.fixtures.FixtureJar;
import dev.magnetar.runtime.fixtures.GenericFieldsFunction;
import dev.magnetar.runtime.fixtures.OrderTotalFunction.Order;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.net.http.HttpResponse;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.protocol.schema.PostSchemaPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP /invoke of a function whose input is a GenericRecord: the JSON body is read with the schema registered on
 * the input topic, and refused with 400 naming the topic while it has none, or when the body does not fit.
 */
@ExtendWith(EmbeddedPulsarExtension.class)
class GenericRecordInvokeIT {

    @Test
    void theBodyIsReadWithTheInputTopicsSchemaOnceItHasOne(EmbeddedPulsar pulsar) throws Exception {
        String in = pulsar.uniqueTopic("generic-invoke-in");
        Function function = Definitions.define(Inputs.uniqueName("generic-invoke"), GenericFieldsFunction.class,
                FixtureJar.path(), in, pulsar.uniqueTopic("generic-invoke-out"));
        String body = "{\"id\": \"o-1\", \"quantity\": 3, \"price\": 2.5}";
        try (ReplicaProcess replica = ReplicaProcess.launch(function, pulsar.serviceUrl(), 0).awaitReady()) {
            HttpResponse<String> noSchema = replica.post("/invoke", body);
            assertThat(noSchema.statusCode()).isEqualTo(400);
            assertThat(noSchema.body()).contains("input topic " + in + " has no schema",
                    "register the records' AVRO or JSON schema on " + in);

            var avro = Schema.AVRO(Order.class).getSchemaInfo();
            pulsar.admin().schemas().createSchema(in, new PostSchemaPayload(avro.getType().name(),
                    avro.getSchemaDefinition(), avro.getProperties()));

            HttpResponse<String> invoked = replica.post("/invoke", body);
            assertThat(invoked.statusCode()).as(invoked.body()).isEqualTo(200);
            assertThat(invoked.body()).startsWith("JSON ").contains("id=o-1", "quantity=3", "price=2.5");

            HttpResponse<String> misfit = replica.post("/invoke", "{\"id\": \"o-2\", \"quantity\": \"many\"}");
            assertThat(misfit.statusCode()).isEqualTo(400);
            assertThat(misfit.body()).contains("AVRO schema of input topic " + in, "field 'quantity' is string");
        }
    }
}
