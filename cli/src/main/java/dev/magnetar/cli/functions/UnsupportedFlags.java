package dev.magnetar.cli.functions;

import dev.magnetar.cli.CliException;
import picocli.CommandLine.Option;

/**
 * pulsar-admin flags Magnetar has no use for. They are accepted by the parser so a copied
 * pulsar-admin command line gets a clear answer naming the flag, never a silent drop: Magnetar
 * acknowledges as {@code --processing-guarantees} says.
 */
public final class UnsupportedFlags {
    @Option(names = "--auto-ack", arity = "1", paramLabel = "BOOL", description = "Not supported", hidden = true)
    Boolean autoAck;

    /** @throws CliException (usage) naming the first unsupported flag given */
    void refuse() {
        if (Boolean.FALSE.equals(autoAck)) {
            throw new CliException("--auto-ack false is not supported: Magnetar acknowledges for the function as"
                    + " --processing-guarantees says (ATLEAST_ONCE, ATMOST_ONCE, EFFECTIVELY_ONCE); remove --auto-ack",
                    CliException.USAGE, null);
        }
    }
}
