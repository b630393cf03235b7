package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.bench.harness.WorkerJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** BASELINE: {@link PipeMain} in its own JVM, on the bench class path. */
public final class BaselineVariant implements Variant {
    private boolean jfr;

    /** Records a JFR profile ({@code settings=profile}) of each run's pipe into its run directory as {@code worker.jfr}. */
    public BaselineVariant withJfr(boolean enabled) {
        this.jfr = enabled;
        return this;
    }

    @Override
    public String name() {
        return "BASELINE";
    }

    @Override
    public String description() {
        return "plain Pulsar client JVM: Shared consumer -> producer (batching, 1 ms) -> ack on send";
    }

    @Override
    public List<String> command(String serviceUrl, Topics topics, Path workDir) {
        List<String> command = new ArrayList<>(List.of(Installation.javaExecutable().toString()));
        command.addAll(WorkerJvm.options());
        if (jfr) {
            command.add("-XX:StartFlightRecording:settings=profile,dumponexit=true,filename=" + workDir.resolve("worker.jfr"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                PipeMain.class.getName(), serviceUrl, topics.input(), topics.output(), topics.subscription()));
        return command;
    }
}
