package dev.magnetar.bench.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking HTTP/1.1 load generator for one server: a bounded pool of keep-alive connections, one call in
 * flight per connection, more connections opened (up to {@link HttpLoadSettings#maxConnections()}) while every open
 * one is busy. Calling never blocks, so an open-loop driver keeps its schedule whatever the server does; a call
 * that finds every allowed connection busy waits in the client, and that wait counts in its latency.
 */
public final class HttpLoadClient implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String hostHeader;
    private final EventLoopGroup group;
    private final ConnectionPool pool;

    private HttpLoadClient(String host, int port, HttpLoadSettings settings) {
        this.hostHeader = host + ":" + port;
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("bench-http", true),
                NioIoHandler.newFactory());
        this.pool = new ConnectionPool(settings.maxConnections());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .remoteAddress(host, port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(settings.maxResponseBytes()),
                                new Connection(pool, settings.timeout()));
                    }
                });
        pool.openWith(() -> bootstrap.connect().addListener((ChannelFuture connect) -> {
            if (connect.isSuccess()) {
                pool.connected(connect.channel().pipeline().get(Connection.class));
            } else {
                pool.connectFailed(connect.cause());
            }
        }));
    }

    /** A client for {@code host:port}; it connects on the first call. */
    public static HttpLoadClient to(String host, int port, HttpLoadSettings settings) {
        return new HttpLoadClient(host, port, settings);
    }

    /**
     * POSTs {@code body} to {@code path}. Completes with the answer whatever its status; fails when the connection
     * cannot be opened, breaks, or the answer takes longer than the timeout.
     */
    public CompletableFuture<HttpAnswer> post(String path, byte[] body, String contentType) {
        return post(path, body, contentType, Map.of());
    }

    /** {@link #post(String, byte[], String)} with {@code headers} (such as {@code Authorization}) on the request. */
    public CompletableFuture<HttpAnswer> post(String path, byte[] body, String contentType, Map<String, String> headers) {
        Exchange exchange = new Exchange(hostHeader, path, body, contentType, headers);
        pool.submit(exchange);
        return exchange.answer();
    }

    /** Connections open or being opened now. */
    public int openConnections() {
        return pool.openConnections();
    }

    /** The most connections that were open or being opened at one time. */
    public int peakConnections() {
        return pool.peakConnections();
    }

    /** Connections opened successfully so far, reconnects included. */
    public int connectionsOpened() {
        return pool.connectionsOpened();
    }

    @Override
    public void close() {
        pool.close().forEach(Connection::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
