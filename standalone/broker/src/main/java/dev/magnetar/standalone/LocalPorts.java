package dev.magnetar.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the ensemble's fixed ports, picked below the system's ephemeral range. A port is picked a
 * moment (a few seconds at a cold start) before its server binds it, and is kept for the data directory's life: in
 * the ephemeral range, any outgoing connection or {@code bind(0)} on the machine could take it first, failing the
 * start or a later restart with "address already in use". Below the range only a server asking for that very port can.
 */
final class LocalPorts {
    /** Lowest port picked: above the well-known and most registered service ports. */
    static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** The IANA dynamic range, where macOS and Windows start theirs. */
    private static final int DEFAULT_EPHEMERAL_LOW = 49_152;
    private static final int ATTEMPTS = 200;

    private LocalPorts() {
    }

    /** {@code count} distinct ports, each free on loopback when picked. */
    static int[] pick(int count) throws IOException {
        int low = ephemeralLow();
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = low - LOWEST > 2 * ATTEMPTS ? below(low) : null;
                if (socket == null) {
                    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                held.add(socket); // held until all are picked, so no two are the same
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static ServerSocket below(int ephemeralLow) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, ephemeralLow);
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return socket;
            } catch (IOException taken) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** The first port of the system's ephemeral range: Linux's setting, else the IANA dynamic range. */
    static int ephemeralLow() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // never bound: nothing to release
            }
        }
    }
}
