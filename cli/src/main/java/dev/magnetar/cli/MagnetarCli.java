package dev.magnetar.cli;

import dev.magnetar.cli.completion.CompletionCommand;
import dev.magnetar.cli.functions.FunctionsCommand;
import dev.magnetar.cli.invoke.InvokeCommand;
import dev.magnetar.cli.output.ErrorReporter;
import dev.magnetar.cli.standalone.StandaloneCommand;
import dev.magnetar.cli.tokens.TokensCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code magnetar} command. */
@Command(name = "magnetar", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = MagnetarCli.Version.class,
        description = "Magnetar: a Pulsar-native function platform.",
        footer = {"", "Examples:",
                "  magnetar standalone --samples",
                "  magnetar functions list",
                "  magnetar invoke exclamation --data hello",
                "  magnetar tokens create --subject admin --secret-key file:///path/to/secret.key",
                "  magnetar help functions"},
        subcommands = {StandaloneCommand.class, FunctionsCommand.class, InvokeCommand.class, TokensCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class MagnetarCli {
    @Option(names = ErrorReporter.VERBOSE, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line with the standard error handling; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers (tests) that set their own out/err writers. */
    public static CommandLine commandLine() {
        ErrorReporter errors = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new MagnetarCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        commandLine.getSubcommands().get("help").getCommandSpec().usageMessage()
                .footer("", "Examples:", "  magnetar help functions create", "  magnetar help invoke");
        return commandLine;
    }

    /** The version of the jar this class came from (set by the Maven build). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MagnetarCli.class.getPackage().getImplementationVersion();
            return new String[] {"magnetar " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
