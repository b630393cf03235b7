package dev.magnetar.cli.standalone;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.cli.CliException;
import dev.magnetar.cli.config.ClientConfig;
import dev.magnetar.cli.http.ControlPlaneHttp;
import dev.magnetar.cli.output.LogFiles;
import dev.magnetar.standalone.launcher.BrokerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code magnetar standalone}: the embedded broker (its own JVM), the control plane with the admin API
 * and the gateway, and replicas as child JVMs, in the foreground until Ctrl-C or SIGTERM.
 */
@Command(name = "standalone",
        description = "Run Pulsar, the control plane and the gateway on this machine, in the foreground.",
        footer = {"", "Examples:",
                "  magnetar standalone",
                "  magnetar standalone --samples --port 8080",
                "  magnetar standalone --auth --bind 0.0.0.0",
                "  magnetar standalone --allow-jar-dir ~/my-function/target",
                "  magnetar standalone --warm-pool-size 4",
                "  magnetar standalone --pulsar-url pulsar://host:6650 --pulsar-admin-url http://host:8080"})
public final class StandaloneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${user.home}/.magnetar/data",
            description = "Where function definitions, broker data and logs live. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7750",
            description = "Control plane port: admin API and gateway (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the embedded broker listens on. It has no authentication: keep it on loopback"
                    + " unless the network is trusted (--bind is the control plane's). Default: ${DEFAULT-VALUE}")
    String bindAddress;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "" + BrokerOptions.DEFAULT_BROKER_PORT,
            description = "Embedded broker's Pulsar port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int brokerPort;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "" + BrokerOptions.DEFAULT_WEB_PORT,
            description = "Embedded broker's admin/HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int webPort;

    @Option(names = "--pulsar-url", paramLabel = "URL",
            description = "Use this Pulsar cluster (e.g. pulsar://host:6650) instead of starting one; needs --pulsar-admin-url")
    String pulsarUrl;

    @Option(names = "--pulsar-admin-url", paramLabel = "URL",
            description = "Admin URL of the cluster given by --pulsar-url (e.g. http://host:8080)")
    String pulsarAdminUrl;

    @Option(names = "--pulsar-auth-token", paramLabel = "TOKEN", defaultValue = "${env:MAGNETAR_PULSAR_AUTH_TOKEN}",
            description = "Token for the cluster of --pulsar-url (env MAGNETAR_PULSAR_AUTH_TOKEN)")
    String pulsarAuthToken;

    @Option(names = "--samples", description = "Deploy the sample functions (samples/*/function.yaml) not yet defined")
    boolean samples;

    @Option(names = "--warm-pool-size", paramLabel = "N",
            description = "Runtime JVMs kept started and warm, so a replica of a function without env, secrets or"
                    + " resources of its own starts (from zero too) without booting a JVM; each takes a replica's"
                    + " memory (0 = no pool). Default: 2 (env MAGNETAR_REPLICAS_WARM_POOL_SIZE)")
    Integer warmPoolSize;

    @Mixin
    SecurityOptions security;

    @Option(names = "--allow-jar-dir", paramLabel = "DIR",
            description = "A directory whose jars functions may name (--jar, runtime.jar), besides uploaded jars and"
                    + " the installation's samples; repeat for more")
    List<Path> allowJarDirs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Path dir = prepareDataDir();
        StandaloneStack.Settings settings = settings(dir);
        LogFiles.writeTo(dir.resolve("logs").resolve("control-plane.log"));
        PrintWriter out = spec.commandLine().getOut();
        StandaloneStack stack = StandaloneStack.start(settings, out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack, out), "magnetar-standalone-shutdown"));
        StandaloneSecurity access = settings.security();
        ClientConfigs configs = access.credentials() == null ? null : ClientConfigs.write(dir,
                ClientConfig.defaultPath(System.getenv()), stack.controlPlaneUrl(), access.credentials().tokenFile());
        if (samples) {
            deploySamples(stack, access, out);
        }
        Banner.print(out, stack, dir, samples, access, configs);
        int exit = stack.awaitBrokerExit();
        out.println("the embedded broker stopped unexpectedly: see " + stack.brokerLogDir() + "; stopping Magnetar");
        out.flush();
        return exit;
    }

    private static void deploySamples(StandaloneStack stack, StandaloneSecurity access, PrintWriter out) {
        ControlPlaneHttp http = adminClient(stack.controlPlaneUrl(), access);
        if (http == null) {
            out.println("warning: samples not deployed: with --token-public-key standalone has no key to sign a token"
                    + " for itself; deploy them with a superuser's token (magnetar functions create --help)");
            return;
        }
        new SampleDeployer(http, out).deployAll();
    }

    /** What standalone itself calls the admin API with: a superuser's token when one is needed; null when it has none. */
    static ControlPlaneHttp adminClient(String url, StandaloneSecurity access) {
        if (access.authentication() && access.adminToken() == null) {
            return null;
        }
        return new ControlPlaneHttp(url, access.adminToken());
    }

    private static void stop(StandaloneStack stack, PrintWriter out) {
        out.println("stopping Magnetar: replicas and control plane, then the broker ...");
        out.flush();
        stack.close();
        out.println("stopped");
        out.flush();
    }

    /** Checks the flags together; nothing has started yet, so a refusal leaves nothing running. */
    StandaloneStack.Settings settings(Path dir) {
        if ((pulsarUrl == null) != (pulsarAdminUrl == null)) {
            throw new CliException("give both --pulsar-url and --pulsar-admin-url to use an existing Pulsar cluster,"
                    + " or neither to start the embedded broker", CliException.USAGE, null);
        }
        if (warmPoolSize != null && warmPoolSize < 0) {
            throw new CliException("--warm-pool-size is " + warmPoolSize + ": give 0 (no warm pool) or more",
                    CliException.USAGE, null);
        }
        BrokerOptions broker = pulsarUrl != null ? null
                : new BrokerOptions(dir.resolve("pulsar"), bindAddress, brokerPort, webPort);
        return new StandaloneStack.Settings(dir, port, broker, pulsarUrl, pulsarAdminUrl, pulsarAuthToken,
                security.resolve(dir), allowedJarDirs(), warmPoolSize);
    }

    /** The installation's samples, which --samples and the examples run, and the directories given. */
    List<Path> allowedJarDirs() {
        List<Path> dirs = new ArrayList<>();
        Installation.find().ifPresent(installation -> dirs.add(installation.samplesDir()));
        allowJarDirs.forEach(dir -> dirs.add(dir.toAbsolutePath().normalize()));
        return dirs;
    }

    private Path prepareDataDir() {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException("--data-dir '" + dataDir + "' is a file, not a directory: choose a directory"
                    + " with --data-dir", CliException.USAGE, null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException("--data-dir '" + dataDir + "': cannot create it (" + e.getMessage()
                    + "); choose a writable directory with --data-dir", CliException.USAGE, e);
        }
        if (!Files.isWritable(dir)) {
            throw new CliException("--data-dir '" + dataDir + "' is not writable: choose a writable directory"
                    + " with --data-dir", CliException.USAGE, null);
        }
        return dir;
    }
}
