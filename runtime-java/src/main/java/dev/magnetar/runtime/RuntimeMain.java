package dev.magnetar.runtime;

import dev.magnetar.api.launch.RuntimeAssignment;
import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.config.RuntimeOptions;
import java.util.Map;
import org.apache.pulsar.client.api.PulsarClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of one replica: {@code java -jar magnetar-runtime.jar --function-file f.yaml
 * --pulsar-url pulsar://...}, or of a JVM of standalone's warm pool, which gets its function later
 * ({@code --assignment stdin}, {@link WarmStart}). Exit codes: 0 after a SIGTERM drain, 2 on bad configuration (one
 * line on stderr), 1 on a crash.
 */
public final class RuntimeMain {
    static final int EXIT_OK = 0;
    static final int EXIT_CRASH = 1;
    static final int EXIT_CONFIG = 2;

    private RuntimeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // First: a SIGTERM during start-up must also end in an orderly stop.
        ShutdownSignal signal = ShutdownSignal.install();
        Start start;
        try {
            start = configure(args, signal);
        } catch (ConfigurationException e) {
            System.err.println("magnetar-runtime: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (InterruptedException e) {
            return EXIT_OK;
        }
        if (start == null) {
            return EXIT_OK;
        }
        RuntimeConfig config = start.config();
        Logger log = LoggerFactory.getLogger(RuntimeMain.class);
        try (Replica replica = new Replica(config, signal, start.client())) {
            if (replica.start()) {
                System.out.println(RuntimeLaunch.readyLine(config.instanceId(), replica.httpPort()));
                System.out.flush();
            }
            signal.await();
        } catch (ConfigurationException e) {
            System.err.println("magnetar-runtime: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (Exception | LinkageError e) {
            log.error("Replica {} of {} crashed", config.instanceId(), config.resolved().fqfn(), e);
            return EXIT_CRASH;
        }
        return signal.crashCause() == null ? EXIT_OK : EXIT_CRASH;
    }

    /** The replica's settings and, in a JVM of the warm pool, the client it built while waiting (else null). */
    private record Start(RuntimeConfig config, PulsarClient client) {
    }

    /**
     * Reads the options; a JVM of the warm pool ({@code --assignment stdin}) warms up and waits for its function
     * first. Null when it was stopped before it got one.
     */
    private static Start configure(String[] args, ShutdownSignal signal) throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (!RuntimeOptions.waitsForAssignment(args, env)) {
            RuntimeConfig config = RuntimeOptions.parse(args, env);
            signal.stopWhenExits(config.parentPid());
            return new Start(config, null);
        }
        try (WarmStart warm = WarmStart.begin(RuntimeOptions.parsePooled(args, env), signal)) {
            RuntimeAssignment assignment = warm.awaitAssignment(signal);
            if (assignment == null) {
                return null;
            }
            RuntimeConfig config = RuntimeOptions.parse(args, env, assignment);
            return new Start(config, warm.clientFor(config));
        }
    }
}
