package dev.magnetar.bridge.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pulsar.client.impl.ChunkMessageIdImpl;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.junit.jupiter.api.Test;

class PackageRetentionTest {

    @Test
    void aChunkedMessageTakesOneBacklogEntryPerChunkAndAWholeMessageOne() {
        ChunkMessageIdImpl fiveChunks = new ChunkMessageIdImpl(new MessageIdImpl(5, 10, -1),
                new MessageIdImpl(5, 14, -1));
        MessageIdImpl whole = new MessageIdImpl(5, 15, -1);

        assertThat(PackageRetention.entries(List.of(fiveChunks, whole))).isEqualTo(6);
    }

    @Test
    void chunksAcrossLedgersCountAsOneEntryAtLeast() {
        ChunkMessageIdImpl acrossLedgers = new ChunkMessageIdImpl(new MessageIdImpl(5, 10, -1),
                new MessageIdImpl(6, 2, -1));

        assertThat(PackageRetention.entries(List.of(acrossLedgers))).isEqualTo(1);
    }
}
