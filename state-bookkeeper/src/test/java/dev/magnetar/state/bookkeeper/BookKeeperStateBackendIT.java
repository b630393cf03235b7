package dev.magnetar.state.bookkeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.state.FunctionStateStore;
import dev.magnetar.api.state.StateBackend;
import dev.magnetar.api.state.StateBackends;
import dev.magnetar.api.state.StateEntry;
import dev.magnetar.api.state.StateException;
import dev.magnetar.api.state.StateScope;
import dev.magnetar.standalone.testing.EmbeddedPulsar;
import dev.magnetar.standalone.testing.EmbeddedPulsarExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The state interface's semantics against the embedded broker's real table service. */
@ExtendWith(EmbeddedPulsarExtension.class)
class BookKeeperStateBackendIT {
    private StateBackend backend;
    private StateScope scope;

    @BeforeEach
    void open(EmbeddedPulsar pulsar) {
        assertThat(pulsar.stateStorageUrl()).as("the embedded broker runs the table service").startsWith("bk://");
        backend = StateBackends.create(pulsar.stateStorageUrl(), getClass().getClassLoader());
        scope = new StateScope("public", "default", "fn-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void putGetAndDeleteAValue() {
        FunctionStateStore store = backend.open(scope).join();
        store.put("greeting", "hello".getBytes(StandardCharsets.UTF_8)).join();
        StateEntry entry = store.get("greeting").join();
        assertThat(entry.counter()).isFalse();
        assertThat(entry.text()).contains("hello");
        store.put("greeting", "bye".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(store.get("greeting").join().text()).contains("bye");
        store.delete("greeting").join();
        assertThat(store.get("greeting").join()).isNull();
        store.delete("greeting").join();
    }

    @Test
    void aCounterNeverIncrementedIsZeroAndReadsAsANumber() {
        FunctionStateStore store = backend.open(scope).join();
        assertThat(store.counter("never").join()).isZero();
        assertThat(store.get("never").join()).isNull();
        store.increment("hits", 5).join();
        store.increment("hits", -2).join();
        assertThat(store.counter("hits").join()).isEqualTo(3);
        StateEntry entry = store.get("hits").join();
        assertThat(entry.counter()).isTrue();
        assertThat(entry.counterValue()).isEqualTo(3);
    }

    /**
     * Every increment that succeeded is counted once, and no other: an increment that failed has an unknown outcome
     * (applied or not; it is never retried), so it may add at most its own amount. Such failures must stay rare.
     */
    @Test
    void incrementsFromTwoClientsAndFourThreadsAreAllCountedOnce() throws Exception {
        int threads = 4;
        int each = 500;
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        try (StateBackend other = StateBackends.create(url(), getClass().getClassLoader())) {
            List<FunctionStateStore> stores = List.of(backend.open(scope).join(), other.open(scope).join());
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                FunctionStateStore store = stores.get(t % 2);
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            store.increment("total", 1).join();
                            succeeded.incrementAndGet();
                        } catch (CompletionException e) {
                            assertThat(e.getCause()).isInstanceOf(StateException.class)
                                    .hasMessageContaining("whether it was applied is unknown");
                            unknown.incrementAndGet();
                        }
                    }
                }));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            assertThat(unknown.get()).as("increments with an unknown outcome").isLessThanOrEqualTo(threads * each / 100);
            assertThat(stores.get(1).counter("total").join())
                    .isBetween((long) succeeded.get(), (long) succeeded.get() + unknown.get());
        }
    }

    @Test
    void functionsOfTheSameNamespaceHaveTheirOwnTables() {
        FunctionStateStore mine = backend.open(scope).join();
        FunctionStateStore theirs = backend.open(new StateScope("public", "default", scope.function() + "-x")).join();
        mine.increment("k", 1).join();
        assertThat(theirs.counter("k").join()).isZero();
        assertThat(scope.storageNamespace()).isEqualTo("public_default");
        assertThat(new StateScope("my-tenant", "ns-1", "f").storageNamespace()).isEqualTo("my_tenant_ns_1");
    }

    @Test
    void anUnreachableServiceFailsWithTheUrl() {
        try (StateBackend nowhere = new BookKeeperStateBackend("bk://127.0.0.1:1", Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> nowhere.open(scope).get(1, TimeUnit.MINUTES))
                    .hasMessageContaining("bk://127.0.0.1:1").hasMessageContaining("did not answer within 3 s");
        }
    }

    private String url() {
        return EmbeddedPulsar.shared().stateStorageUrl();
    }
}
