package dev.magnetar.cli.functions;

import dev.magnetar.cli.http.FunctionRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code functions start|stop|restart}: the whole function, or one instance with {@code --instance-id}. */
abstract class InstanceControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    AdminOptions admin;
    @Mixin
    IdentityOptions identity;

    @Option(names = "--instance-id", paramLabel = "ID", description = "Only this instance (0-based). Default: all")
    Integer instanceId;

    /** start, stop or restart. */
    abstract String action();

    abstract String done();

    @Override
    public Integer call() {
        FunctionRef ref = identity.require(spec);
        admin.pulsar().control(ref, action(), instanceId);
        spec.commandLine().getOut().println(done() + " " + (instanceId == null ? "" : "instance " + instanceId + " of ") + ref);
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Command(name = "start", description = "Start a stopped function (or one instance) again.",
            footer = {"", "Examples:", "  magnetar functions start --name exclamation"})
    static final class Start extends InstanceControlCommand {
        @Override
        String action() {
            return "start";
        }

        @Override
        String done() {
            return "started";
        }
    }

    @Command(name = "stop", description = "Stop a function's instances (or one); the definition and the instance count are kept.",
            footer = {"", "Examples:", "  magnetar functions stop --name exclamation --instance-id 1"})
    static final class Stop extends InstanceControlCommand {
        @Override
        String action() {
            return "stop";
        }

        @Override
        String done() {
            return "stopped";
        }
    }

    @Command(name = "restart", description = "Replace a function's instances (or one) with fresh ones, one at a time.",
            footer = {"", "Examples:", "  magnetar functions restart --name exclamation"})
    static final class Restart extends InstanceControlCommand {
        @Override
        String action() {
            return "restart";
        }

        @Override
        String done() {
            return "restarted";
        }
    }
}
