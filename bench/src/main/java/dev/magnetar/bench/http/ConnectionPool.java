package dev.magnetar.bench.http;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Idle keep-alive connections and the calls waiting for one. A call takes an idle connection; when none is idle
 * it waits, and a new connection is opened for it while fewer than {@code maxConnections} are open or opening.
 * Each opening serves one waiting call: a connection that cannot be opened fails one call, so a server that is
 * down fails every call instead of leaving it waiting.
 */
final class ConnectionPool {
    /** Opens one connection; reports back through {@link #connected} or {@link #connectFailed}. */
    interface Opener {
        void open();
    }

    private final int maxConnections;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final Deque<Exchange> waiting = new ArrayDeque<>();
    private Opener opener;
    private int open;
    private int peak;
    private int opened;
    private boolean closed;

    ConnectionPool(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    void openWith(Opener opener) {
        this.opener = opener;
    }

    void submit(Exchange exchange) {
        Connection connection;
        boolean openOne = false;
        synchronized (this) {
            if (closed) {
                exchange.fail(new IOException("the HTTP load client is closed"));
                return;
            }
            connection = takeIdle();
            if (connection == null) {
                waiting.add(exchange);
                openOne = reserveOpening();
            }
        }
        if (connection != null) {
            connection.send(exchange);
        }
        if (openOne) {
            opener.open();
        }
    }

    /** A connection is free: a newly opened one, or one whose answer is in. */
    void released(Connection connection) {
        Exchange next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                // Last in, first out: the busiest connections stay warm, the others merely idle.
                idle.push(connection);
            }
        }
        if (next != null) {
            connection.send(next);
        }
    }

    void connected(Connection connection) {
        synchronized (this) {
            opened++;
        }
        released(connection);
    }

    void connectFailed(Throwable error) {
        Exchange failed;
        boolean openOne;
        synchronized (this) {
            open--;
            failed = waiting.poll();
            openOne = !waiting.isEmpty() && reserveOpening();
        }
        if (failed != null) {
            failed.fail(error);
        }
        if (openOne) {
            opener.open();
        }
    }

    void closed(Connection connection) {
        boolean openOne;
        synchronized (this) {
            open--;
            idle.remove(connection);
            openOne = !waiting.isEmpty() && reserveOpening();
        }
        if (openOne) {
            opener.open();
        }
    }

    /** Fails the waiting calls and closes the idle connections; busy ones fail their call as they close. */
    List<Connection> close() {
        List<Exchange> failed;
        List<Connection> idleNow;
        synchronized (this) {
            closed = true;
            failed = new ArrayList<>(waiting);
            waiting.clear();
            idleNow = new ArrayList<>(idle);
            idle.clear();
        }
        failed.forEach(exchange -> exchange.fail(new IOException("the HTTP load client is closed")));
        return idleNow;
    }

    /** Connections open or being opened now. */
    synchronized int openConnections() {
        return open;
    }

    /** The most connections open or being opened at one time. */
    synchronized int peakConnections() {
        return peak;
    }

    /** Connections opened successfully so far (a reconnect counts again). */
    synchronized int connectionsOpened() {
        return opened;
    }

    private Connection takeIdle() {
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            if (connection.isOpen()) {
                return connection;
            }
        }
        return null;
    }

    private boolean reserveOpening() {
        if (closed || open >= maxConnections) {
            return false;
        }
        open++;
        peak = Math.max(peak, open);
        return true;
    }
}
