package dev.magnetar.cli.standalone;

import dev.magnetar.cli.CliException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where the control plane listens ({@code --bind}), and the URL this machine reaches it at.
 *
 * @param host     the address or host name as given
 * @param loopback every address it resolves to is a loopback address: only this machine can connect
 * @param wildcard it means every interface (0.0.0.0, ::)
 */
record ListenAddress(String host, boolean loopback, boolean wildcard) {
    static final String FLAG = "--bind";

    /** @throws CliException naming the flag when the value is blank or does not resolve */
    static ListenAddress parse(String host) {
        if (host == null || host.isBlank()) {
            throw new CliException(FLAG + " is empty: give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0",
                    CliException.USAGE, null);
        }
        String value = host.strip();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(value);
        } catch (UnknownHostException e) {
            throw new CliException(FLAG + " '" + value + "' is neither an address nor a known host name: give an"
                    + " address of this machine, e.g. 127.0.0.1 or 0.0.0.0", CliException.USAGE, e);
        }
        return new ListenAddress(value, Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress),
                Arrays.stream(addresses).allMatch(InetAddress::isAnyLocalAddress));
    }

    /** The control plane's URL from this machine: every interface includes loopback. */
    String url(int port) {
        if (wildcard) {
            return "http://127.0.0.1:" + port;
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
