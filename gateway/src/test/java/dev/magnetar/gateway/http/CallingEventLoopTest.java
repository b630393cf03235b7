package dev.magnetar.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallingEventLoopTest {

    @Test
    void workCapturedOnAnEventLoopRunsOnThatLoopWhateverThreadHandsItOver() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try {
            Executor captured = loop.submit(CallingEventLoop::current).get(10, TimeUnit.SECONDS);
            Thread loopThread = loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            captured.execute(() -> ranOn.complete(Thread.currentThread()));

            assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(loopThread);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void offAnEventLoopTheHandingThreadRunsTheWorkItself() {
        Thread[] ranOn = new Thread[1];

        CallingEventLoop.current().execute(() -> ranOn[0] = Thread.currentThread());

        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    }

    @Test
    void aLoopThatHasShutDownStillGetsTheWorkDone() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        Executor captured = loop.submit(CallingEventLoop::current).get(10, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        Thread[] ranOn = new Thread[1];

        captured.execute(() -> ranOn[0] = Thread.currentThread());

        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    }
}
