package dev.magnetar.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm pool's bookkeeping with stand-in members: it keeps its size, one start at a time; a member taken is never
 * handed out again; one that dies untaken is replaced after a growing back-off; close stops what it holds and starts
 * nothing more. The scheduler runs every task at once and records the delay it was asked for.
 */
class WarmPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration REFILL = Duration.ofMillis(300);
    private static final RestartPolicy BACK_OFF = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(1));

    final List<Fake> launched = new CopyOnWriteArrayList<>();
    final AtomicInteger failingLaunches = new AtomicInteger();
    final RecordingScheduler scheduler = new RecordingScheduler();
    WarmPool<Fake> pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    static final class Fake implements WarmPool.Member {
        final long pid;
        final WarmPool.Events<Fake> events;
        final AtomicBoolean stopRequested = new AtomicBoolean();
        final AtomicBoolean stopped = new AtomicBoolean();

        Fake(long pid, WarmPool.Events<Fake> events) {
            this.pid = pid;
            this.events = events;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void requestStop() {
            stopRequested.set(true);
        }

        @Override
        public void awaitStopped() {
            stopped.set(true);
        }

        void warm() {
            events.warm(this);
        }

        void dies() {
            events.ended(this, "exit code 1");
        }
    }

    /** Runs each task at once, on its thread; remembers the delays asked for. */
    static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMillis = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delaysMillis.add(unit.toMillis(delay));
            return super.schedule(command, 0, TimeUnit.MILLISECONDS);
        }
    }

    private WarmPool<Fake> pool(int size) {
        WarmPool.Launcher<Fake> launcher = events -> {
            if (failingLaunches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("no more processes");
            }
            Fake fake = new Fake(100 + launched.size(), events);
            launched.add(fake);
            return fake;
        };
        pool = new WarmPool<>(size, launcher, scheduler, BACK_OFF, REFILL).start();
        return pool;
    }

    private Fake awaitLaunched(int count) {
        await().atMost(WAIT).until(() -> launched.size() >= count);
        return launched.get(count - 1);
    }

    @Test
    void itFillsToItsSizeOneStartAtATimeEachAfterThePreviousIsWarm() throws Exception {
        pool(2);
        Fake first = awaitLaunched(1);
        Thread.sleep(200);
        assertThat(launched).as("the next starts only once the first is warm").hasSize(1);

        first.warm();
        Fake second = awaitLaunched(2);
        second.warm();

        Thread.sleep(200);
        assertThat(launched).as("full").hasSize(2);
        assertThat(pool.warmMembers()).containsExactly(first, second);
        assertThat(scheduler.delaysMillis).containsExactly(0L, REFILL.toMillis(), REFILL.toMillis());
    }

    @Test
    void aMemberTakenIsNeverHandedOutAgainAndAnotherStartsAfterTheRefillDelay() {
        pool(1);
        Fake first = awaitLaunched(1);
        assertThat(pool.take()).as("nothing warm yet").isNull();
        first.warm();

        assertThat(pool.take()).isSameAs(first);

        assertThat(pool.take()).isNull();
        assertThat(pool.members()).doesNotContain(first);
        Fake second = awaitLaunched(2);
        first.warm();
        first.dies();
        second.warm();
        assertThat(pool.take()).isSameAs(second);
        assertThat(pool.take()).isNull();
        assertThat(scheduler.delaysMillis).as("a taken member that ends is no failure of the pool")
                .containsOnly(0L, REFILL.toMillis());
    }

    @Test
    void aMemberThatDiesUntakenIsReplacedAfterABackOffThatGrows() {
        pool(1);
        awaitLaunched(1).dies();
        awaitLaunched(2).dies();
        Fake third = awaitLaunched(3);
        third.warm();
        third.dies();
        awaitLaunched(4);

        assertThat(scheduler.delaysMillis).as("the first start, two back-offs, a look once warm, a third back-off")
                .containsExactly(0L, 1_000L, 2_000L, REFILL.toMillis(), 4_000L);
        assertThat(pool.warmMembers()).isEmpty();
    }

    @Test
    void aLaunchThatFailsIsRetriedAfterTheBackOff() {
        failingLaunches.set(2);
        pool(1);

        Fake started = awaitLaunched(1);

        assertThat(scheduler.delaysMillis).containsExactly(0L, 1_000L, 2_000L);
        started.warm();
        assertThat(pool.warmMembers()).containsExactly(started);
    }

    @Test
    void closeStopsEveryMemberItHoldsButNotOneTakenAndStartsNothingMore() throws Exception {
        pool(2);
        Fake taken = awaitLaunched(1);
        taken.warm();
        Fake warm = awaitLaunched(2);
        warm.warm();
        assertThat(pool.take()).isSameAs(taken);
        Fake starting = awaitLaunched(3);

        pool.close();

        assertThat(List.of(warm, starting)).allMatch(fake -> fake.stopRequested.get() && fake.stopped.get());
        assertThat(taken.stopRequested).isFalse();
        starting.warm();
        warm.dies();
        Thread.sleep(200);
        assertThat(launched).hasSize(3);
        assertThat(pool.take()).isNull();
        assertThat(pool.members()).isEmpty();
    }

    @Test
    void aPoolOfSizeZeroStartsNothingAndHandsOutNothing() throws Exception {
        pool(0);
        Thread.sleep(200);

        assertThat(launched).isEmpty();
        assertThat(pool.take()).isNull();
        assertThat(WarmPool.<Fake>off().take()).isNull();
    }

    @Test
    void thePoolTakesAtMostAQuarterOfTheMemoryForReplicas() {
        long mib = 1L << 20;
        assertThat(PooledRuntime.sizeFor(2, 256 * mib, 14L << 30)).isEqualTo(2);
        assertThat(PooledRuntime.sizeFor(2, 256 * mib, 1L << 30)).as("a quarter of 1 GiB holds one").isEqualTo(1);
        assertThat(PooledRuntime.sizeFor(2, 256 * mib, 512 * mib)).isZero();
        assertThat(PooledRuntime.sizeFor(0, 256 * mib, 14L << 30)).isZero();
    }
}
