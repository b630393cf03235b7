package dev.magnetar.cli.output;

/** The values of {@code --output-format}, lower case so picocli's error lists them as the user types them. */
public enum OutputFormat {
    table, json, yaml
}
