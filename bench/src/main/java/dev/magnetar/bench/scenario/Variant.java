package dev.magnetar.bench.scenario;

import java.nio.file.Path;
import java.util.List;

/** One side of a comparison: how to launch its worker JVM for a given input/output topic pair. */
public interface Variant {

    String name();

    String description();

    /** How many worker JVMs (replicas) one run starts, all on the same subscription. */
    default int replicas() {
        return 1;
    }

    /** The worker's command line; {@code workDir} is a fresh directory for this run's files. */
    List<String> command(String serviceUrl, Topics topics, Path workDir) throws java.io.IOException;

    /** The topics and subscription of one run. */
    record Topics(String input, String output, String subscription) {
    }
}
