package dev.magnetar.bench.scenario;

import dev.magnetar.api.layout.Installation;
import java.nio.file.Path;
import java.util.List;

/** BASELINE: {@link PipeMain} in its own JVM, on the bench class path. */
public final class BaselineVariant implements Variant {

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
        return List.of(Installation.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
                PipeMain.class.getName(), serviceUrl, topics.input(), topics.output(), topics.subscription());
    }
}
