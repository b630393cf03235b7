package dev.magnetar.runtime;

import dev.magnetar.api.launch.RuntimeLaunch;
import dev.magnetar.runtime.config.ConfigurationException;
import dev.magnetar.runtime.config.RuntimeConfig;
import dev.magnetar.runtime.config.RuntimeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of one replica: {@code java -jar magnetar-runtime.jar --function-file f.yaml
 * --pulsar-url pulsar://...}. Exit codes: 0 after a SIGTERM drain, 2 on bad configuration (one
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
        RuntimeConfig config;
        try {
            config = RuntimeOptions.parse(args, System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("magnetar-runtime: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Logger log = LoggerFactory.getLogger(RuntimeMain.class);
        signal.stopWhenExits(config.parentPid());
        try (Replica replica = new Replica(config, signal)) {
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
}
