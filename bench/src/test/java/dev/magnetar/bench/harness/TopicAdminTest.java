package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicAdminTest {

    @Test
    void restPathKeepsTheDomainAndTheFullName() {
        assertThat(TopicAdmin.restPath("persistent://public/default/in")).isEqualTo("/admin/v2/persistent/public/default/in");
        assertThatThrownBy(() -> TopicAdmin.restPath("in")).hasMessageContaining("not fully qualified");
    }

    @Test
    void readsPartitionsAndCountsConsumers() {
        assertThat(TopicAdmin.partitionsIn("{\"partitions\":0}")).isZero();
        String stats = "{\"subscriptions\":{\"bench\":{\"type\":\"Shared\",\"consumers\":[{\"consumerName\":\"a\"},"
                + "{\"consumerName\" : \"b\"}]}}}";
        assertThat(TopicAdmin.consumersIn(stats)).isEqualTo(2);
        assertThatThrownBy(() -> TopicAdmin.partitionsIn("{}")).hasMessageContaining("no 'partitions'");
    }

    @Test
    void readsTheEntriesOfATopicFromItsInternalStats() {
        assertThat(TopicAdmin.entriesIn("{\"entriesAddedCounter\":900,\"numberOfEntries\" : 312,\"totalSize\":5}"))
                .isEqualTo(312);
        assertThatThrownBy(() -> TopicAdmin.entriesIn("{}")).hasMessageContaining("no 'numberOfEntries'");
    }

    @Test
    void messagesPerOutputEntryIsUnknownWithoutEntries() {
        assertThat(RunResult.of(1_000, 0, 1_000_000_000L, 1, 1, 250).messagesPerOutputEntry()).isEqualTo(4.0);
        assertThat(RunResult.of(1_000, 0, 1_000_000_000L, 1, 1).messagesPerOutputEntry()).isZero();
    }
}
