package dev.magnetar.bench.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The HTTP-ALONE baseline: the JDK's built-in HTTP server answering {@code POST /} with the body plus "!" —
 * HTTP with no Pulsar behind it. Chosen over a Micronaut endpoint to keep the bench free of Micronaut; it
 * therefore measures HTTP on loopback, not Micronaut's own overhead. Run as its own JVM:
 * {@code HttpEchoMain <port>}; prints ECHO_READY when listening.
 */
public final class HttpEchoMain {
    static final int THREADS = 16;

    private HttpEchoMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(THREADS));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer = new byte[body.length + 1];
            System.arraycopy(body, 0, answer, 0, body.length);
            answer[body.length] = '!';
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println("ECHO_READY");
    }
}
