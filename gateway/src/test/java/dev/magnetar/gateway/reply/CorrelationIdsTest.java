package dev.magnetar.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelationIdsTest {

    @Test
    void idsDoNotRepeatWithinOneClient() {
        CorrelationIds ids = new CorrelationIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }

    @Test
    void twoClientsOnTheSameReplyTopicDrawDifferentIds() {
        String first = new CorrelationIds().next();
        String second = new CorrelationIds().next();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void onlyIdsThisClientGaveOutCountAsIssued() {
        CorrelationIds ids = new CorrelationIds();
        String given = ids.next();
        String other = new CorrelationIds().next();

        assertThat(ids.issued(given)).isTrue();
        assertThat(ids.issued(other)).isFalse();
        assertThat(ids.issued(given.substring(0, given.lastIndexOf('-') + 1) + "ff")).as("not yet given").isFalse();
        assertThat(ids.issued(given + "zz")).isFalse();
    }
}
