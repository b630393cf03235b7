package dev.magnetar.standalone;

import dev.magnetar.api.launch.BrokerReadyLine;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Entry point of the embedded broker JVM. Its stdout protocol is one line: either
 * {@code MAGNETAR_BROKER_READY serviceUrl=... adminUrl=... dataDir=...} once clients can connect,
 * or {@code MAGNETAR_BROKER_FAILED <reason>} followed by exit code 2. Everything else the broker
 * says goes to {@code <dataDir>/logs/broker.log}. SIGTERM and SIGINT stop it cleanly with exit 0; with
 * {@code --parent-pid}, that process stops it with {@code MAGNETAR_BROKER_STOP} on standard input instead
 * (see {@link Stopper#install}), and it stops by itself once that process is gone.
 */
public final class StandaloneBroker {
    /** Read by log4j2.xml: where broker.log goes. Set before the first logger is created. */
    static final String LOG_DIR_PROPERTY = "magnetar.broker.logDir";
    static final int EXIT_FAILED = 2;

    private StandaloneBroker() {
    }

    public static void main(String[] args) {
        // Jersey and others log through java.util.logging: send that to broker.log too.
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        // Pulsar and its libraries print to System.out; keep stdout for the protocol lines only.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            BrokerArguments arguments = BrokerArguments.parse(System.getenv(), args);
            Path root = DataDirectory.prepare(arguments.dataDir());
            System.setProperty(LOG_DIR_PROPERTY, root.resolve("logs").toString());
            BrokerLifecycle.run(arguments, root, protocol);
        } catch (StartupFailure e) {
            fail(protocol, e.getMessage());
        } catch (Throwable t) {
            fail(protocol, "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    static void fail(PrintStream protocol, String reason) {
        protocol.println(BrokerReadyLine.failedLine(reason));
        protocol.flush();
        BrokerLifecycle.shutdownLogging();
        Runtime.getRuntime().halt(EXIT_FAILED);
    }
}
