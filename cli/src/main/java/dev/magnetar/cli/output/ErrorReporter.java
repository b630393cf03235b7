package dev.magnetar.cli.output;

import dev.magnetar.cli.CliException;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns every failure into ONE line on stderr and a non-zero exit code. Stack traces only with
 * {@code --verbose}: a user needs the reason and what to do, not our call stack.
 */
public final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    public static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        String message = singleLine(e.getMessage());
        // picocli prefixes some messages with "Error: "; ours already starts with "error: "
        message = message.regionMatches(true, 0, "error: ", 0, 7) ? message.substring(7) : message;
        print(command.getErr(), message + " (see " + help + ")");
        if (isVerbose(args)) {
            e.printStackTrace(command.getErr());
        }
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        boolean verbose = isVerbose(parseResult.originalArgs().toArray(String[]::new));
        if (e instanceof CliException cli) {
            print(command.getErr(), singleLine(cli.getMessage()));
            if (verbose) {
                cli.printStackTrace(command.getErr());
            }
            return cli.exitCode();
        }
        print(command.getErr(), describe(e) + (verbose ? "" : " (run with " + VERBOSE + " for details)"));
        if (verbose) {
            e.printStackTrace(command.getErr());
        }
        return CliException.FAILED;
    }

    /** Message of an unexpected exception, naming its type when the message alone says little. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + e.getClass().getSimpleName();
        }
        return singleLine(message);
    }

    static String singleLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean isVerbose(String[] args) {
        for (String arg : args) {
            if (VERBOSE.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static void print(PrintWriter err, String line) {
        err.println("error: " + line);
        err.flush();
    }
}
