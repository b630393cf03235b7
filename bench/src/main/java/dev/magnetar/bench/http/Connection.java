package dev.magnetar.bench.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection with at most one call in flight (HTTP/1.1 without pipelining). Everything about the
 * call in flight happens on the channel's event loop, so it needs no locking. Hands itself back to the pool when
 * the answer is in and the server keeps the connection open.
 */
final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final ConnectionPool pool;
    private final Duration timeout;
    private Channel channel;
    private Exchange inFlight;
    private ScheduledFuture<?> expiry;

    Connection(ConnectionPool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /** Sends the exchange's request; the caller guarantees this connection is idle. */
    void send(Exchange exchange) {
        if (channel.eventLoop().inEventLoop()) {
            write(exchange);
        } else {
            channel.eventLoop().execute(() -> write(exchange));
        }
    }

    void close() {
        channel.close();
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        Exchange done = takeInFlight();
        if (done == null) {
            // An answer after its call timed out (the connection is closing) or one nobody asked for.
            ctx.close();
            return;
        }
        HttpAnswer answer = new HttpAnswer(response.status().code(), ByteBufUtil.getBytes(response.content()));
        // Back to the pool before the caller hears of it: a closed-loop caller's next call then finds it idle.
        if (HttpUtil.isKeepAlive(response)) {
            pool.released(this);
        } else {
            ctx.close();
        }
        done.complete(answer);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failInFlight(new IOException("the server closed the connection before answering"));
        pool.closed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failInFlight(cause);
        ctx.close();
    }

    private void write(Exchange exchange) {
        if (!channel.isActive()) {
            // Closed by the server while idle: the request never left, another connection can take it.
            pool.submit(exchange);
            return;
        }
        inFlight = exchange;
        expiry = channel.eventLoop().schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        channel.writeAndFlush(exchange.request()).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                failInFlight(written.cause());
                written.channel().close();
            }
        });
    }

    private void expire() {
        // The late answer could no longer be matched to its call on this connection: close it.
        failInFlight(new IOException("no answer within " + timeout.toMillis() + " ms"));
        channel.close();
    }

    private Exchange takeInFlight() {
        Exchange exchange = inFlight;
        inFlight = null;
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        return exchange;
    }

    private void failInFlight(Throwable error) {
        Exchange exchange = takeInFlight();
        if (exchange != null) {
            exchange.fail(error);
        }
    }
}
