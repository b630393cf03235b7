package dev.magnetar.cli.tokens;

import picocli.CommandLine.Command;

/** {@code magnetar tokens ...}: the keys and tokens of Pulsar's token authentication, as {@code pulsar tokens} makes them. */
@Command(name = "tokens", description = "Create keys and tokens for token authentication, as 'pulsar tokens' does.",
        footer = {"", "Examples:",
                "  magnetar tokens create-secret-key --output secret.key",
                "  magnetar tokens create --subject admin --secret-key file:///path/to/secret.key",
                "  magnetar tokens create-key-pair --output-private-key private.key --output-public-key public.key"},
        subcommands = {CreateSecretKeyCommand.class, CreateKeyPairCommand.class, CreateTokenCommand.class,
                ShowTokenCommand.class, ValidateTokenCommand.class})
public final class TokensCommand {
}
