package dev.magnetar.cli.tokens;

import dev.magnetar.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The token a command reads: given as the argument, or from a file (which keeps it out of the shell's history). */
final class TokenInput {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN", description = "The token")
    String token;

    @Option(names = {"-f", "--token-file"}, paramLabel = "FILE", description = "Read the token from this file")
    Path tokenFile;

    String read() {
        if ((token == null) == (tokenFile == null)) {
            throw TokenKeys.usage("give the token as the argument or with --token-file FILE, not "
                    + (token == null ? "neither" : "both"), null);
        }
        if (token != null) {
            return token.strip();
        }
        try {
            return Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new CliException("--token-file " + tokenFile + ": cannot read it (" + e + ")", CliException.USAGE, e);
        }
    }
}
