package dev.magnetar.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import dev.magnetar.runtime.publish.Publisher;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void atMostConcurrencyInvocationsRunAndAFinishedInvocationFreesItsSlot() throws Exception {
        Admission admission = new Admission(2, false);
        admission.acquire();
        admission.acquire();

        Thread third = startAcquiring(admission);
        await().atMost(Duration.ofSeconds(10)).until(() -> third.getState() == Thread.State.WAITING);

        admission.invoked();
        third.join(10_000);
        assertThat(third.isAlive()).as("admitted once a slot was free").isFalse();
        assertThat(admission.unsettled()).isEqualTo(3);
    }

    @Test
    void aSequentialCallerIsBoundByUnsettledMessagesOnly() throws Exception {
        Admission admission = new Admission(1, true);
        for (int i = 0; i < Admission.maxUnsettled(1, true); i++) {
            admission.acquire();
        }

        Thread next = startAcquiring(admission);
        await().atMost(Duration.ofSeconds(10)).until(() -> next.getState() == Thread.State.WAITING);

        admission.settled();
        next.join(10_000);
        assertThat(next.isAlive()).as("admitted once a message was settled").isFalse();
    }

    @Test
    void tryAcquireTakesBothSlotsOrNeither() {
        Admission admission = new Admission(1, false);
        assertThat(admission.tryAcquire()).isTrue();
        assertThat(admission.tryAcquire()).as("the one invocation slot is taken").isFalse();
        assertThat(admission.unsettled()).as("the unsettled slot taken by the failed try was given back").isEqualTo(1);

        admission.invoked();
        assertThat(admission.tryAcquire()).isTrue();
        assertThat(admission.unsettled()).isEqualTo(2);
    }

    @Test
    void theUnsettledBoundLeavesASequentialCallerRoomForTwoFullOutputBatches() {
        assertThat(Admission.maxUnsettled(1, true)).isGreaterThan(2 * Publisher.BATCH_MAX_MESSAGES);
        assertThat(Admission.maxUnsettled(64, false)).isEqualTo(1_000);
        assertThat(Admission.maxUnsettled(5_000, false)).isEqualTo(20_000);
    }

    @Test
    void idleOnceEveryTakenMessageIsSettled() throws Exception {
        Admission admission = new Admission(4, false);
        admission.acquire();
        admission.acquire();
        admission.cancel();

        assertThat(admission.awaitIdle(Duration.ofMillis(1))).isFalse();
        admission.invoked();
        admission.settled();
        assertThat(admission.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private static Thread startAcquiring(Admission admission) {
        Thread thread = new Thread(() -> {
            try {
                admission.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }
}
