package dev.magnetar.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the CLI with its output captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = MagnetarCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().toList();
    }
}
