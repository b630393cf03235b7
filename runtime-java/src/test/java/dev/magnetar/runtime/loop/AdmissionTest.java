package dev.magnetar.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.magnetar.runtime.publish.Publisher;
import java.time.Duration;
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

        admission.settled(1);
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
    void aLargeMessageWeighsItsShareOfTheByteBudgetAndWaitsForIt() throws Exception {
        Admission admission = new Admission(1, true);
        int slots = Admission.maxUnsettled(1, true);
        int bytesPerSlot = Admission.MAX_UNSETTLED_BYTES / slots;
        assertThat(admission.weight(100)).isEqualTo(1);
        assertThat(admission.weight(bytesPerSlot * 10)).isEqualTo(11);
        assertThat(admission.weight(Integer.MAX_VALUE)).as("a message over the whole budget goes alone").isEqualTo(slots);

        int large = admission.weight(Admission.MAX_UNSETTLED_BYTES / 2);
        admission.acquire();
        assertThat(admission.tryAcquireWeight(large)).isTrue();
        admission.acquire();
        assertThat(admission.tryAcquireWeight(large)).as("a second half of the budget does not fit beside the first")
                .isFalse();
        Thread waiting = new Thread(() -> {
            try {
                admission.acquireWeight(large);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.WAITING);

        admission.settled(large);
        waiting.join(10_000);
        assertThat(waiting.isAlive()).as("admitted once the first large message was settled").isFalse();
        assertThat(admission.unsettled()).isEqualTo(large);
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
        admission.settled(1);
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
