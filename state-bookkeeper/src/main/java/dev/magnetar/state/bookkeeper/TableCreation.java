package dev.magnetar.state.bookkeeper;

import dev.magnetar.api.state.StateScope;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.bookkeeper.clients.admin.StorageAdminClient;
import org.apache.bookkeeper.clients.exceptions.ClientException;
import org.apache.bookkeeper.clients.exceptions.NamespaceExistsException;
import org.apache.bookkeeper.clients.exceptions.NamespaceNotFoundException;
import org.apache.bookkeeper.clients.exceptions.StreamExistsException;
import org.apache.bookkeeper.clients.exceptions.StreamNotFoundException;
import org.apache.bookkeeper.stream.proto.NamespaceConfiguration;
import org.apache.bookkeeper.stream.proto.StorageType;
import org.apache.bookkeeper.stream.proto.StreamConfiguration;
import org.apache.bookkeeper.stream.protocol.ProtocolConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a function's namespace and table when missing, with the settings Pulsar Functions use (a table of 4 key
 * ranges), so tables made by either platform are alike. Replicas starting at once may race to create them: the loser
 * finds them made. A table service that has just started answers with errors for a while (its root range is not
 * served yet): those are retried until the deadline.
 */
final class TableCreation {
    private static final Logger LOG = LoggerFactory.getLogger(TableCreation.class);
    private static final StreamConfiguration TABLE = StreamConfiguration.newBuilder(ProtocolConstants.DEFAULT_STREAM_CONF)
            .setInitialNumRanges(4)
            .setMinNumRanges(4)
            .setStorageType(StorageType.TABLE)
            .build();
    private static final long RETRY_PAUSE_MS = 200;

    private final StorageAdminClient admin;
    private final long deadlineNanos;

    private TableCreation(StorageAdminClient admin, Duration timeout) {
        this.admin = admin;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** Makes sure the table of {@code scope} exists; throws the last failure once {@code timeout} has passed. */
    static void ensure(StorageAdminClient admin, StateScope scope, Duration timeout) throws Exception {
        new TableCreation(admin, timeout).ensure(scope);
    }

    private void ensure(StateScope scope) throws Exception {
        String namespace = scope.storageNamespace();
        while (true) {
            try {
                await(admin.getStream(namespace, scope.table()));
                return;
            } catch (NamespaceNotFoundException e) {
                retrying(() -> createNamespace(namespace));
            } catch (StreamNotFoundException e) {
                retrying(() -> createTable(namespace, scope.table()));
            } catch (ClientException e) {
                pauseOrThrow(e);
            }
        }
    }

    private void retrying(Step step) throws Exception {
        try {
            step.run();
        } catch (ClientException e) {
            pauseOrThrow(e);
        }
    }

    /** The table service answers errors while it starts; give up at the deadline only. */
    private void pauseOrThrow(ClientException e) throws Exception {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw e;
        }
        LOG.debug("The table service is not ready yet ({}); trying again", e.getMessage());
        Thread.sleep(RETRY_PAUSE_MS);
    }

    private void createNamespace(String namespace) throws Exception {
        try {
            await(admin.createNamespace(namespace, NamespaceConfiguration.newBuilder().setDefaultStreamConf(TABLE)
                    .build()));
        } catch (NamespaceExistsException e) {
            // made by another replica meanwhile
        }
    }

    private void createTable(String namespace, String table) throws Exception {
        try {
            await(admin.createStream(namespace, table, TABLE));
        } catch (StreamExistsException e) {
            // made by another replica meanwhile
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** The result, or the operation's own exception, or a TimeoutException at the deadline. */
    private <T> T await(CompletableFuture<T> operation) throws Exception {
        try {
            return operation.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            operation.cancel(true);
            throw e;
        }
    }
}
