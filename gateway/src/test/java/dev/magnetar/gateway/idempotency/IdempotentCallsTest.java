package dev.magnetar.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotentCallsTest {
    private static final KeptAnswer OK = new KeptAnswer(200, "text/plain", new byte[] {'o', 'k'}, Map.of());
    private static final IdempotencyScope SCOPE = new IdempotencyScope("alice", "/function/public/default/echo", "k1");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();
    private final IdempotentCalls calls = new IdempotentCalls(new IdempotencyConfig(Duration.ofMinutes(1), 2),
            nanos::get);

    @Test
    void aRepeatGetsTheFirstAnswerWithoutRunning() {
        IdempotentCalls.Answer first = calls.answer(SCOPE, "f", () -> run(OK)).join();
        IdempotentCalls.Answer repeat = calls.answer(SCOPE, "f", () -> run(OK)).join();

        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.kept()).isSameAs(first.kept());
    }

    @Test
    void aRepeatWhileTheFirstRunsWaitsForItsAnswer() {
        CompletableFuture<KeptAnswer> running = new CompletableFuture<>();
        CompletableFuture<IdempotentCalls.Answer> first = calls.answer(SCOPE, "f", () -> running);
        CompletableFuture<IdempotentCalls.Answer> repeat = calls.answer(SCOPE, "f", () -> run(OK));

        assertThat(repeat).isNotDone();
        running.complete(OK);

        assertThat(repeat.join().kept()).isSameAs(first.join().kept());
        assertThat(runs).hasValue(0);
    }

    @Test
    void anotherRequestUnderTheKeyIsRefused() {
        calls.answer(SCOPE, "f", () -> run(OK)).join();

        assertThatThrownBy(() -> calls.answer(SCOPE, "other", () -> run(OK)))
                .isInstanceOf(KeyReusedException.class)
                .hasMessageContaining(IdempotencyKey.HEADER).hasMessageContaining("'k1'");
    }

    @Test
    void anAnswerThatRefusedTheCallIsNotKept() {
        calls.answer(SCOPE, "f", () -> run(new KeptAnswer(429, null, null, Map.of("Retry-After", "1")))).join();
        IdempotentCalls.Answer retry = calls.answer(SCOPE, "f", () -> run(OK)).join();

        assertThat(runs).hasValue(2);
        assertThat(retry.kept()).isSameAs(OK);
    }

    @Test
    void aFailedCallIsNotKept() {
        calls.answer(SCOPE, "f", () -> CompletableFuture.failedFuture(new IllegalStateException("closed")));

        assertThat(calls.answer(SCOPE, "f", () -> run(OK)).join().replayed()).isFalse();
    }

    @Test
    void aKeyIsForgottenAfterItsTtl() {
        calls.answer(SCOPE, "f", () -> run(OK)).join();
        nanos.addAndGet(Duration.ofMinutes(1).plusSeconds(1).toNanos());

        assertThat(calls.answer(SCOPE, "f", () -> run(OK)).join().replayed()).isFalse();
        assertThat(runs).hasValue(2);
    }

    @Test
    void atMostMaxKeysAreKept() {
        for (int i = 0; i < 10; i++) {
            calls.answer(new IdempotencyScope("alice", "/function/public/default/echo", "k" + i), "f",
                    () -> run(OK)).join();
        }

        assertThat(calls.size()).isEqualTo(2);
    }

    @Test
    void scopesDoNotShareAnswers() {
        calls.answer(SCOPE, "f", () -> run(OK)).join();
        IdempotencyScope otherCaller = new IdempotencyScope("bob", SCOPE.route(), SCOPE.key());

        assertThat(calls.answer(otherCaller, "f", () -> run(OK)).join().replayed()).isFalse();
    }

    private CompletableFuture<KeptAnswer> run(KeptAnswer answer) {
        runs.incrementAndGet();
        return CompletableFuture.completedFuture(answer);
    }
}
