package dev.magnetar.controller.orchestrator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the runtime in the orchestrator's own IT: takes the runtime's options, prints its
 * ready line and waits for SIGTERM. With {@code FAKE_EXIT_CODE} set it writes a last error line to
 * stderr and exits with that code instead, like a runtime refusing its configuration.
 */
public final class FakeRuntime {
    private FakeRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String instanceId = option(args, "--instance-id");
        Path functionFile = Path.of(option(args, "--function-file"));
        if (!Files.isRegularFile(functionFile)) {
            System.err.println("no function file at " + functionFile);
            System.exit(2);
        }
        String exitCode = System.getenv("FAKE_EXIT_CODE");
        if (exitCode != null) {
            System.err.println("fake failure of instance " + instanceId + " env " + System.getenv("GREETING"));
            System.exit(Integer.parseInt(exitCode));
        }
        System.out.println("starting with GREETING=" + System.getenv("GREETING"));
        System.out.println("MAGNETAR_RUNTIME_READY instanceId=" + instanceId + " httpPort=" + (40000 + Integer.parseInt(instanceId)));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
