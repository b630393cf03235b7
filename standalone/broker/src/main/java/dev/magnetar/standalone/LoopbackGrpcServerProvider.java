package dev.magnetar.standalone;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Makes {@code ServerBuilder.forPort(port)} listen on loopback instead of every interface in the broker JVM, where
 * only BookKeeper's table service runs a gRPC server and offers no setting for its address. Registered as a service
 * with a higher priority than gRPC's own Netty provider.
 *
 * <p>The table service registers itself under this machine's host address, and clients connect where a table's
 * storage container is registered. Where the host name maps to another loopback address (Debian's {@code 127.0.1.1})
 * the server listens on that one too. A host name that maps to a non-loopback address gets no listener: clients of
 * such a machine reach every container at {@code 127.0.0.1} instead, as Magnetar's state client does for a loopback
 * service URL.
 */
public final class LoopbackGrpcServerProvider extends ServerProvider {
    private static final int ABOVE_GRPC_NETTY = 10;

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return ABOVE_GRPC_NETTY;
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
        return alsoOnHostAddress(NettyServerBuilder.forAddress(loopback(port)), port);
    }

    @Override
    protected NewServerBuilderResult newServerBuilderForPort(int port, ServerCredentials credentials) {
        return NewServerBuilderResult.serverBuilder(
                alsoOnHostAddress(NettyServerBuilder.forAddress(loopback(port), credentials), port));
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(StateStorage.LOOPBACK, port);
    }

    private static NettyServerBuilder alsoOnHostAddress(NettyServerBuilder builder, int port) {
        otherLoopbackHostAddress().ifPresent(address -> builder.addListenAddress(new InetSocketAddress(address, port)));
        return builder;
    }

    static Optional<InetAddress> otherLoopbackHostAddress() {
        try {
            InetAddress host = InetAddress.getLocalHost();
            return host.isLoopbackAddress() && !host.getHostAddress().equals(StateStorage.LOOPBACK)
                    ? Optional.of(host) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
