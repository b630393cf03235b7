package dev.magnetar.cli.functions;

import picocli.CommandLine.Command;

/** {@code magnetar functions ...}: pulsar-admin's verbs against the Magnetar control plane. */
@Command(name = "functions", description = "Create, update, delete and inspect functions.",
        footer = {"", "Examples:", "  magnetar functions list", "  magnetar functions create --help"},
        subcommands = {CreateCommand.class, UpdateCommand.class, DeleteCommand.class, GetCommand.class,
                ListCommand.class, StatusCommand.class, StatsCommand.class, TriggerCommand.class,
                QueryStateCommand.class, PutStateCommand.class,
                InstanceControlCommand.Start.class, InstanceControlCommand.Stop.class, InstanceControlCommand.Restart.class})
public final class FunctionsCommand {
}
