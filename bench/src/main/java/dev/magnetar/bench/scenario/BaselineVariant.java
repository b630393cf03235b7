package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.WorkerJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BASELINE: {@link PipeMain} in its own JVM, on the bench class path, batching its output for 1 ms. The drain also
 * runs BASELINE-10MS ({@link #withBatchDelay}): the same pipe with the 10 ms batch cap Magnetar's output has under
 * load, so the report shows what that setting alone gives a plain loop.
 */
public final class BaselineVariant implements Variant {
    private static final long DEFAULT_BATCH_DELAY_MS = 1;

    private final long batchDelayMs;
    private boolean jfr;

    public BaselineVariant() {
        this(DEFAULT_BATCH_DELAY_MS);
    }

    private BaselineVariant(long batchDelayMs) {
        this.batchDelayMs = batchDelayMs;
    }

    /** The pipe with another batch cap, named BASELINE-&lt;n&gt;MS. */
    public static BaselineVariant withBatchDelay(long batchDelayMs) {
        return new BaselineVariant(batchDelayMs);
    }

    /** Records a JFR profile ({@code settings=profile}) of each run's pipe into its run directory as {@code worker.jfr}. */
    public BaselineVariant withJfr(boolean enabled) {
        this.jfr = enabled;
        return this;
    }

    @Override
    public String name() {
        return batchDelayMs == DEFAULT_BATCH_DELAY_MS ? "BASELINE" : "BASELINE-" + batchDelayMs + "MS";
    }

    @Override
    public String description() {
        return "plain Pulsar client JVM: Shared consumer -> producer (batching, " + batchDelayMs + " ms) -> ack on send";
    }

    @Override
    public List<String> command(String serviceUrl, Topics topics, Path workDir) {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString()));
        command.addAll(WorkerJvm.options());
        if (jfr) {
            command.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename=" + workDir.resolve("worker.jfr"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                PipeMain.class.getName(), serviceUrl, topics.input(), topics.output(), topics.subscription(),
                Long.toString(batchDelayMs)));
        return command;
    }
}
