package dev.magnetar.runtime.config;

/** A setting the runtime cannot start with; the message names the option or field and what to do. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
