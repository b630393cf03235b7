package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.chaos.ChaosSettings;
import dev.magnetar.bench.harness.TopicAdmin;
import java.nio.file.Path;
import java.util.List;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * What every scenario runs against: the bench's client of the embedded broker (own JVM), its URLs and pid
 * (for CPU accounting), a work directory for worker logs, the Magnetar installation, and the run's sizes.
 *
 * @param messages     messages per drain run ({@code --messages})
 * @param repetitions  measured runs per variant ({@code --repetitions})
 * @param seconds      length of each open-loop latency run ({@code --seconds})
 * @param runs         runs of one-shot measurements such as cold start ({@code --runs}); 0 when not given
 * @param functions    Function resources the controller scenario creates ({@code --functions})
 * @param payloadBytes size of each message of the drain scenarios ({@code --payload-bytes})
 * @param jfr          whether runtime workers and the pipe (throughput, pipe-latency) and the control planes (gateway, gateway-auth) record JFR profiles ({@code --jfr})
 * @param pipeRates    the pipe-latency scenario's rates in msg/s ({@code --rates})
 * @param stateStorageUrl the broker's table service ({@code bk://}), or null when it runs without one
 * @param chaos        the chaos scenario's length and seed ({@code --chaos-seconds}, {@code --seed})
 */
public record BenchContext(PulsarClient client, String serviceUrl, String adminUrl, long brokerPid, Path workDir,
        Installation installation, int messages, int repetitions, int seconds, int runs, int functions,
        int payloadBytes, boolean jfr, List<Integer> pipeRates, String stateStorageUrl, ChaosSettings chaos) {

    /** Without chaos settings of its own: the chaos scenario's defaults. */
    public BenchContext(PulsarClient client, String serviceUrl, String adminUrl, long brokerPid, Path workDir,
                        Installation installation, int messages, int repetitions, int seconds, int runs, int functions,
                        int payloadBytes, boolean jfr, List<Integer> pipeRates, String stateStorageUrl) {
        this(client, serviceUrl, adminUrl, brokerPid, workDir, installation, messages, repetitions, seconds, runs,
                functions, payloadBytes, jfr, pipeRates, stateStorageUrl, ChaosSettings.defaults());
    }

    /** {@code --runs} when given, else {@code scenarioDefault}: each one-shot scenario sizes itself to its own length. */
    public int runsOr(int scenarioDefault) {
        return runs > 0 ? runs : scenarioDefault;
    }

    public DrainMeasurement drain() {
        return new DrainMeasurement(client, serviceUrl, new TopicAdmin(adminUrl), brokerPid, workDir, payloadBytes);
    }
}
