package dev.magnetar.local;

import dev.magnetar.api.launch.PulsarTrust;
import dev.magnetar.api.state.StateStorageSettings;
import dev.magnetar.security.replica.ReplicaAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How local replicas run.
 *
 * @param launcher    the command that starts the runtime, before its options: usually
 *                    {@code java <jvm options> -jar magnetar-runtime.jar}
 * @param pulsarUrl   service URL passed to every replica; no credentials: each function has its own
 *                    ({@code spec.pulsarAuth}), never the control plane's
 * @param dataDir     holds {@code run/} (function files), {@code logs/} and {@code secrets/}
 * @param restarts    back-off of the supervisor
 * @param stopGrace   how long a replica may drain after SIGTERM before it is killed
 * @param readyTimeout how long a new replica of an update may take to become ready before the update is rolled
 *                     back; how long a rolling restart waits for each replica before going on
 * @param classData   the class data archive replicas write and map, or {@link ClassDataArchive#off()}
 * @param access      derives each function's replica access token
 * @param pulsarTrust how replicas check the broker's certificate: the control plane's own trust, which holds no
 *                    credential
 * @param warmPoolSize generic runtime JVMs kept started and warm, so a replica starts without booting one
 *                    ({@link WarmPool}); 0 turns the pool off
 * @param pulsarAdminUrl the cluster's admin URL, which a function's {@code Context.getPulsarAdmin()} connects to
 *                    with the function's own token; null: functions get no admin client
 * @param stateStorage where functions keep their state (the embedded broker's table service), or why nowhere
 */
public record ReplicaSettings(List<String> launcher, String pulsarUrl, Path dataDir,
                              RestartPolicy restarts, Duration stopGrace, Duration readyTimeout,
                              ClassDataArchive classData, ReplicaAccess access, PulsarTrust pulsarTrust,
                              int warmPoolSize, String pulsarAdminUrl, StateStorageSettings stateStorage) {
    public ReplicaSettings {
        stateStorage = stateStorage == null ? StateStorageSettings.NONE : stateStorage;
        launcher = List.copyOf(launcher);
        pulsarTrust = pulsarTrust == null ? PulsarTrust.DEFAULT : pulsarTrust;
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size is " + warmPoolSize + ": give 0 (no pool) or more"
                    + " (magnetar.replicas.warm-pool-size)");
        }
    }

    /** Without an admin URL for functions, without state storage. */
    public ReplicaSettings(List<String> launcher, String pulsarUrl, Path dataDir, RestartPolicy restarts,
                           Duration stopGrace, Duration readyTimeout, ClassDataArchive classData, ReplicaAccess access,
                           PulsarTrust pulsarTrust, int warmPoolSize) {
        this(launcher, pulsarUrl, dataDir, restarts, stopGrace, readyTimeout, classData, access, pulsarTrust,
                warmPoolSize, null, StateStorageSettings.NONE);
    }

    /** Without a warm pool. */
    public ReplicaSettings(List<String> launcher, String pulsarUrl, Path dataDir, RestartPolicy restarts,
                           Duration stopGrace, Duration readyTimeout, ClassDataArchive classData, ReplicaAccess access,
                           PulsarTrust pulsarTrust) {
        this(launcher, pulsarUrl, dataDir, restarts, stopGrace, readyTimeout, classData, access, pulsarTrust, 0);
    }

    /** Without a warm pool, with the JVM's default trust. */
    public ReplicaSettings(List<String> launcher, String pulsarUrl, Path dataDir, RestartPolicy restarts,
                           Duration stopGrace, Duration readyTimeout, ClassDataArchive classData, ReplicaAccess access) {
        this(launcher, pulsarUrl, dataDir, restarts, stopGrace, readyTimeout, classData, access, PulsarTrust.DEFAULT);
    }

    /** The same with a warm pool of {@code size} JVMs. */
    public ReplicaSettings withWarmPool(int size) {
        return new ReplicaSettings(launcher, pulsarUrl, dataDir, restarts, stopGrace, readyTimeout, classData, access,
                pulsarTrust, size, pulsarAdminUrl, stateStorage);
    }

    /** The same with functions' state in {@code state}. */
    public ReplicaSettings withStateStorage(StateStorageSettings state) {
        return new ReplicaSettings(launcher, pulsarUrl, dataDir, restarts, stopGrace, readyTimeout, classData, access,
                pulsarTrust, warmPoolSize, pulsarAdminUrl, state);
    }

    /** Where standalone keeps the class data archive. */
    public static Path classDataDir(Path dataDir) {
        return dataDir.resolve("cds");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }
}
