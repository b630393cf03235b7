package dev.magnetar.gateway.async;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeptCallsTest {
    private static final long MANY_BYTES = Long.MAX_VALUE;

    @Test
    void anExpiredCallIsForgottenPendingOrNot() {
        KeptCalls kept = new KeptCalls(10, MANY_BYTES);
        kept.kept(pending("a", 1_000));
        kept.kept(done("b", 500, 2_000, 10));
        kept.kept(pending("c", 5_000));

        assertThat(kept.toForget(999)).isEmpty();
        assertThat(kept.toForget(2_000)).containsExactly("a", "b");
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void overTheCountTheFinishedCallsThatFinishedFirstGo() {
        KeptCalls kept = new KeptCalls(3, MANY_BYTES);
        kept.kept(done("old", 100, 10_000, 1));
        kept.kept(pending("waiting", 10_000));
        kept.kept(done("newer", 300, 10_000, 1));
        kept.kept(done("oldest", 50, 10_000, 1));
        kept.kept(done("newest", 400, 10_000, 1));

        assertThat(kept.toForget(0)).containsExactly("oldest", "old");
        assertThat(kept.size()).isEqualTo(3);
    }

    @Test
    void overTheBytesTheFinishedCallsThatFinishedFirstGo() {
        KeptCalls kept = new KeptCalls(100, 1_000);
        kept.kept(done("a", 1, 10_000, 400));
        kept.kept(done("b", 2, 10_000, 400));
        kept.kept(done("c", 3, 10_000, 400));

        assertThat(kept.toForget(0)).containsExactly("a");
        assertThat(kept.bytes()).isEqualTo(800);
    }

    @Test
    void pendingCallsAreNotForgottenForRoomAndNewOnesAreRefusedWhenTheyFillIt() {
        KeptCalls kept = new KeptCalls(2, MANY_BYTES);
        kept.kept(pending("a", 10_000));
        assertThat(kept.roomForOneMore()).isTrue();
        kept.kept(pending("b", 10_000));
        kept.kept(done("c", 5, 10_000, 1));

        assertThat(kept.roomForOneMore()).isFalse();
        assertThat(kept.toForget(0)).containsExactly("c");
        assertThat(kept.toForget(0)).isEmpty();
        assertThat(kept.size()).isEqualTo(2);
    }

    @Test
    void aFinishedCallReplacesItsPendingRecordAndMakesRoom() {
        KeptCalls kept = new KeptCalls(1, MANY_BYTES);
        kept.kept(pending("a", 10_000));
        assertThat(kept.roomForOneMore()).isFalse();

        kept.kept(done("a", 5, 20_000, 3));

        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.pending()).isZero();
        assertThat(kept.bytes()).isEqualTo(3);
        assertThat(kept.roomForOneMore()).isTrue();
        assertThat(kept.toForget(10_000)).isEmpty();
    }

    @Test
    void aCallIsForgottenOnceUntilSendingItsTombstoneFailed() {
        KeptCalls kept = new KeptCalls(10, MANY_BYTES);
        kept.kept(pending("a", 1_000));

        assertThat(kept.toForget(2_000)).containsExactly("a");
        assertThat(kept.toForget(2_000)).isEmpty();

        kept.stillKept("a");
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.toForget(2_000)).containsExactly("a");

        kept.forgotten("a");
        kept.stillKept("a");
        assertThat(kept.size()).isZero();
    }

    @Test
    void aCallWrittenAgainWhileBeingForgottenIsKeptAgain() {
        KeptCalls kept = new KeptCalls(10, MANY_BYTES);
        kept.kept(done("a", 1, 1_000, 5));
        assertThat(kept.toForget(1_000)).containsExactly("a");

        kept.kept(done("a", 1, 5_000, 5));

        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.toForget(1_000)).isEmpty();
        kept.forgotten("a");
        assertThat(kept.size()).isZero();
        assertThat(kept.bytes()).isZero();
    }

    @Test
    void theBoundHoldsUnderManyCalls() {
        KeptCalls kept = new KeptCalls(100, 10_000);
        for (int i = 0; i < 10_000; i++) {
            kept.kept(done("c" + i, i, Long.MAX_VALUE, 7));
            kept.toForget(0).forEach(kept::forgotten);
        }

        assertThat(kept.size()).isEqualTo(100);
        assertThat(kept.bytes()).isEqualTo(700);
    }

    private static CallRecord pending(String id, long expiresAt) {
        return CallRecord.accepted(id, "t", "ns", "f", 0, expiresAt, null);
    }

    private static CallRecord done(String id, long finishedAt, long expiresAt, int bytes) {
        return pending(id, expiresAt).finish(new CallResult(200, "text/plain", new byte[bytes], finishedAt), expiresAt);
    }
}
