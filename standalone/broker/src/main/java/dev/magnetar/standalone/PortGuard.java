package dev.magnetar.standalone;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the requested address and fixed ports before the broker starts, so a taken port is a
 * one-line error naming the option instead of a stack trace from deep inside Netty or Jetty.
 */
final class PortGuard {
    private static final Pattern BOOKIE_HOST = Pattern.compile("bookieHost:\\s*\"([^\"]+):(\\d+)\"");

    private PortGuard() {
    }

    static InetAddress checkBindAddress(String bindAddress) throws StartupFailure {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, 0));
            }
            return address;
        } catch (UnknownHostException e) {
            throw new StartupFailure("--bind-address '" + bindAddress + "' is not a known host or IP address;"
                    + " use an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
        } catch (IOException e) {
            throw new StartupFailure("cannot listen on --bind-address " + bindAddress + ": " + e.getMessage()
                    + "; use an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
        }
    }

    /** Fails when {@code port} (unless 0 or null: none) cannot be bound on {@code address}. */
    static void checkFree(InetAddress address, String option, Integer port) throws StartupFailure {
        if (port == null || port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw inUse(option, port, address.getHostAddress());
        } catch (IOException e) {
            throw new StartupFailure("cannot listen on " + option + " " + port + " at " + address.getHostAddress()
                    + ": " + e.getMessage() + "; pick another port or 0 for a free one");
        }
    }

    /**
     * The bookie keeps the address it had when its data directory was created (BookKeeper checks it
     * against the cookie at every start), so on a restart that port must be free again.
     */
    static void checkRecordedBookiePort(Path bookkeeperDir) throws StartupFailure {
        Path cookie = bookkeeperDir.resolve("current").resolve("VERSION");
        if (!Files.isRegularFile(cookie)) {
            return;
        }
        Matcher host;
        try {
            host = BOOKIE_HOST.matcher(Files.readString(cookie));
        } catch (IOException e) {
            throw new StartupFailure("cannot read the bookie cookie " + cookie + ": " + e.getMessage()
                    + "; check the permissions of the data directory (--data-dir)");
        }
        if (!host.find()) {
            return;
        }
        int port = Integer.parseInt(host.group(2));
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StartupFailure("the bookie port " + port + " recorded in " + cookie + " is already in use;"
                    + " this data directory's bookie must listen there again: stop the process that holds port " + port
                    + ", or start with a new --data-dir");
        }
    }

    static StartupFailure inUse(String option, int port, String address) {
        return new StartupFailure(option + " " + port + " is already in use on " + address
                + ": stop the process that holds it, or pick another port (" + option + " 0 picks a free one)");
    }
}
