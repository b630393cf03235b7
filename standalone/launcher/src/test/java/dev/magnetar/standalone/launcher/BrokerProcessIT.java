package dev.magnetar.standalone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.packages.management.core.common.PackageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker JVM's life cycle as its launcher sees it: stop and restart on the same data (messages and packages),
 * and the one-line errors a user gets for a taken port, an unusable data directory or one in use, or an unreadable
 * TLS key store.
 * Only the restart case starts brokers of its own; the error cases fail before Pulsar starts.
 */
class BrokerProcessIT {

    @TempDir
    Path temp;

    @Test
    void aMessageAndAPackageKeptBeforeAStopAreReadAfterARestartOnTheSameDataDir() throws Exception {
        Path dataDir = temp.resolve("restart");
        String topic = "persistent://public/default/kept-across-restart";
        String pkg = "function://public/default/kept-across-restart@v1";
        Path jar = Files.writeString(temp.resolve("function.jar"), "the package's bytes");
        BrokerProcess first = BrokerProcess.start(BrokerOptions.ephemeral(dataDir));
        try (PulsarClient client = client(first);
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(first.adminUrl()).build()) {
            client.newProducer(Schema.STRING).topic(topic).create().send("kept");
            admin.packages().upload(PackageMetadata.builder().description("kept").build(), pkg, jar.toString());
        } finally {
            first.close();
        }
        first.close(); // idempotent
        assertThat(first.isAlive()).isFalse();
        assertThat(first.exitCode()).as("exit code after SIGTERM").hasValue(0);
        assertThat(ProcessHandle.of(first.pid())).matches(handle -> handle.isEmpty() || !handle.get().isAlive(),
                "no process left with pid " + first.pid());
        assertThat(dataDir.resolve("packages/function/public/default/kept-across-restart/v1")).isDirectory();

        try (BrokerProcess second = BrokerProcess.start(BrokerOptions.ephemeral(dataDir));
             PulsarClient client = client(second);
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(second.adminUrl()).build();
             Reader<String> reader = client.newReader(Schema.STRING).topic(topic)
                     .startMessageId(MessageId.earliest).create()) {
            Message<String> message = reader.readNext(30, TimeUnit.SECONDS);
            assertThat(message).as("message published before the restart").isNotNull();
            assertThat(message.getValue()).isEqualTo("kept");
            assertThat(second.dataDir()).isEqualTo(dataDir.toAbsolutePath());

            Path back = temp.resolve("back.jar");
            admin.packages().download(pkg, back.toString());
            assertThat(back).as("package uploaded before the restart").hasSameTextualContentAs(jar);
            assertThat(admin.packages().getMetadata(pkg).getDescription()).isEqualTo("kept");
        }
    }

    @Test
    void aTakenBrokerPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            BrokerOptions options = new BrokerOptions(temp.resolve("port"), "127.0.0.1", port, 0);
            assertThatThrownBy(() -> BrokerProcess.start(options))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("(exit code 2)")
                    .hasMessageContaining("--broker-port " + port + " is already in use")
                    .hasMessageContaining("pick another port");
        }
    }

    @Test
    void aTakenBookiePortRecordedInTheDataDirIsNamedInTheError() throws Exception {
        Path dataDir = temp.resolve("bookie-port");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            // What BookKeeper writes on first start: the bookie must come back on this address.
            Path cookie = Files.createDirectories(dataDir.resolve("bookkeeper/current")).resolve("VERSION");
            Files.writeString(cookie, "5\nbookieHost: \"127.0.0.1:" + port + "\"\n");
            assertThatThrownBy(() -> BrokerProcess.start(BrokerOptions.ephemeral(dataDir)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("the bookie port " + port + " recorded in " + cookie + " is already in use");
        }
    }

    @Test
    void aDataDirThatCannotBeCreatedIsNamedInTheError() throws Exception {
        // Tests may run as root, for whom permissions do not bite: a path below a regular file never works.
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        Path dataDir = file.resolve("data");
        assertThatThrownBy(() -> BrokerProcess.start(BrokerOptions.ephemeral(dataDir)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("cannot create data directory " + dataDir)
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aDataDirLockedByAnotherProcessNamesThatProcess() throws Exception {
        // This JVM plays the running broker: it holds the OS lock and has written its pid, as a broker does.
        Path dataDir = Files.createDirectories(temp.resolve("locked"));
        long pid = ProcessHandle.current().pid();
        try (FileChannel channel = FileChannel.open(dataDir.resolve("broker.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            channel.write(ByteBuffer.wrap(Long.toString(pid).getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> BrokerProcess.start(BrokerOptions.ephemeral(dataDir)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("data directory " + dataDir.toAbsolutePath())
                    .hasMessageContaining("is in use by another running broker (pid " + pid + ")");
        }
    }

    @Test
    void anUnknownBindAddressIsNamedInTheError() {
        BrokerOptions options = new BrokerOptions(temp.resolve("address"), "no-such-host.invalid", 0, 0);
        assertThatThrownBy(() -> BrokerProcess.start(options))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("--bind-address 'no-such-host.invalid'");
    }

    @Test
    void aTlsKeyStoreThatCannotBeReadIsNamedInTheErrorWithoutItsPassword() throws Exception {
        Path keyStore = Files.writeString(temp.resolve("not-a-key-store.p12"), "not a key store");
        BrokerOptions options = BrokerOptions.ephemeral(temp.resolve("tls"))
                .withTls(new BrokerOptions.Tls(0, 0, keyStore, "PKCS12", "wrong-s3cret"));
        assertThatThrownBy(() -> BrokerProcess.start(options))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("cannot read --tls-key-store " + keyStore + " as PKCS12")
                .hasMessageContaining("MAGNETAR_BROKER_TLS_KEY_STORE_PASSWORD")
                .hasMessageNotContaining("wrong-s3cret");
    }

    private static PulsarClient client(BrokerProcess broker) throws Exception {
        return PulsarClient.builder().serviceUrl(broker.serviceUrl()).build();
    }
}
