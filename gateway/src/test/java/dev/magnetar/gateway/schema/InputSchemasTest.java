package dev.magnetar.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.common.schema.SchemaInfo;
import org.apache.pulsar.common.schema.SchemaType;
import org.junit.jupiter.api.Test;

class InputSchemasTest {
    private static final String TOPIC = "persistent://public/default/in";
    private static final Duration TTL = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final List<CompletableFuture<Optional<SchemaInfo>>> lookups = new ArrayList<>();
    private final InputSchemas schemas = new InputSchemas(topic -> {
        CompletableFuture<Optional<SchemaInfo>> lookup = new CompletableFuture<>();
        lookups.add(lookup);
        return lookup;
    }, TTL, now::get);

    @Test
    void aTopicIsLookedUpOnItsFirstCallOnlyAndCallsWaitForThatLookup() {
        CompletableFuture<InputFormat> first = schemas.of(TOPIC);
        CompletableFuture<InputFormat> second = schemas.of(TOPIC);

        assertThat(first).isNotDone();
        assertThat(lookups).hasSize(1);
        lookups.get(0).complete(Optional.of(Schema.INT32.getSchemaInfo()));

        assertThat(first.join().type()).isEqualTo(SchemaType.INT32);
        assertThat(second.join()).isSameAs(first.join());
        now.addAndGet(TTL.toNanos() - 1);
        assertThat(schemas.of(TOPIC).join()).isSameAs(first.join());
        assertThat(lookups).hasSize(1);
    }

    @Test
    void aStaleEntryIsAnsweredAtOnceWhileOneLookupRefreshesIt() {
        schemas.of(TOPIC);
        lookups.get(0).complete(Optional.empty());
        now.addAndGet(TTL.toNanos());

        CompletableFuture<InputFormat> stale = schemas.of(TOPIC);
        schemas.of(TOPIC);

        assertThat(stale.getNow(null)).isSameAs(InputFormat.RAW);
        assertThat(lookups).hasSize(2);
        lookups.get(1).complete(Optional.of(Schema.INT64.getSchemaInfo()));
        assertThat(schemas.of(TOPIC).getNow(null).type()).isEqualTo(SchemaType.INT64);
    }

    @Test
    void aFailedLookupSendsBodiesAsTheyAreAndIsRetriedWithinASecond() {
        CompletableFuture<InputFormat> first = schemas.of(TOPIC);
        lookups.get(0).completeExceptionally(new IllegalStateException("broker unreachable"));

        assertThat(first.join()).isSameAs(InputFormat.RAW);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        schemas.of(TOPIC);
        assertThat(lookups).hasSize(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        schemas.of(TOPIC);
        assertThat(lookups).hasSize(2);
    }

    @Test
    void aFailedRefreshKeepsTheFormatKnownSoFar() {
        schemas.of(TOPIC);
        lookups.get(0).complete(Optional.of(Schema.INT32.getSchemaInfo()));
        now.addAndGet(TTL.toNanos());
        schemas.of(TOPIC);
        lookups.get(1).completeExceptionally(new IllegalStateException("broker unreachable"));

        assertThat(schemas.of(TOPIC).getNow(null).type()).isEqualTo(SchemaType.INT32);
    }
}
