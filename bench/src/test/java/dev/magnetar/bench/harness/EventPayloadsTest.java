package dev.magnetar.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    @Test
    void everyBodyHasTheAskedSizeAndTheyDiffer() {
        for (int size : new int[] {100, 1_024}) {
            List<byte[]> bodies = EventPayloads.of(500, size, 7);
            assertThat(bodies).hasSize(500).allSatisfy(body -> assertThat(body).hasSize(size));
            Set<String> distinct = new HashSet<>();
            bodies.forEach(body -> distinct.add(new String(body, StandardCharsets.US_ASCII)));
            assertThat(distinct).hasSize(500);
            assertThat(distinct).allSatisfy(text -> assertThat(text).startsWith("{\"id\":").endsWith("\"}"));
        }
    }

    @Test
    void theSameSeedGivesTheSameBodies() {
        assertThat(EventPayloads.of(3, 100, 42)).usingRecursiveComparison().isEqualTo(EventPayloads.of(3, 100, 42));
        assertThat(EventPayloads.of(3, 100, 42).get(0)).isNotEqualTo(EventPayloads.of(3, 100, 43).get(0));
    }

    @Test
    void aBatchCompressesLikeRealEventsNotLikeOneRepeatedByte() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        EventPayloads.of(200, 1_024, 1).forEach(batch::writeBytes);
        double ratio = (double) batch.size() / deflatedSize(batch.toByteArray());
        // One repeated byte deflates ~200-fold; a click stream a few-fold.
        assertThat(ratio).isBetween(1.5, 8.0);
    }

    private static int deflatedSize(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int size = deflater.deflate(buffer);
        deflater.end();
        return size;
    }
}
