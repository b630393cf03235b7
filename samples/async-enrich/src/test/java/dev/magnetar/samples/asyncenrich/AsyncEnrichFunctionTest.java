package dev.magnetar.samples.asyncenrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;

class AsyncEnrichFunctionTest {

    @Test
    void enrichesWithTheCustomersTier() throws Exception {
        EnrichedOrder out = new AsyncEnrichFunction().process(new Order("o-1", "acme"), context(10)).get();
        assertThat(out).isEqualTo(new EnrichedOrder("o-1", "acme", "gold"));
    }

    @Test
    void returnsBeforeTheLookupAnswers() {
        CompletableFuture<EnrichedOrder> pending = new AsyncEnrichFunction().process(new Order("o-2", "x"), context(60_000));
        assertThat(pending).isNotDone();
        pending.cancel(false);
    }

    @Test
    void manyOrdersShareOneIoThread() {
        AsyncEnrichFunction function = new AsyncEnrichFunction();
        List<CompletableFuture<EnrichedOrder>> all = IntStream.range(0, 200)
                .mapToObj(i -> function.process(new Order("o-" + i, "globex"), context(20))).toList();
        assertThat(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))).succeedsWithin(java.time.Duration.ofSeconds(10));
        assertThat(all).allSatisfy(f -> assertThat(f.join().tier()).isEqualTo("silver"));
    }

    @Test
    void rejectsAnOrderWithoutId() {
        assertThatThrownBy(() -> new AsyncEnrichFunction().process(new Order(null, "acme"), context(1)))
                .hasMessageContaining("'id'");
    }

    private static Context context(long delayMs) {
        Context context = mock(Context.class);
        when(context.getUserConfigValueOrDefault(eq(AsyncEnrichFunction.DELAY_MS), any())).thenReturn(delayMs);
        return context;
    }
}
